"""The link stage: one canonical entity per person, place or body across the
articles of a story, whatever the spelling.

Order of resolution, each step using only what earlier steps established:
1. gazetteer ids from the entities stage (كاراباخ = قره باغ = ناغورني قره باغ);
2. full names without an id, by normalised form (first word without proclitics);
3. surname-only mentions ("علييف", "لباشينيان") → the full name the story used,
   preferring one in the same article, else a gazetteer person with that surname;
4. bare role mentions ("الرئيس الأذربيجاني") → the person the story named with
   that role (role key: role in English + state, see ``extract/ner_roles``);
5. everything left is clustered into story-local entities by type + normalised
   form (nationality nouns by the state they name: الأرمن = أرمن = الأرمينيين);
6. story-local people written two ways are one when the story gives both the
   same office in the same state and the surnames differ in at most one letter
   besides long vowels and hamza.

Metonymy: a capital or seat of power used as an actor keeps its own id on the
mention (the place reading); its evidence is also listed under the state's
entity, with the place name among the state's aliases (the actor reading).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import replace

from ..arabic.normalise import match_key
from ..extract.ner_lexicon import lexicon, strip_particles, surname
from ..extract.ner_roles import role_key
from ..model import Dossier, Entity, Evidence, Mention
from ..pipeline import stage

_ORDER = {"PER": 0, "ORG": 1, "GPE": 2, "LOC": 3, "NORP": 4, "FAC": 5, "EVENT": 6, "MISC": 7}


def name_key(text: str) -> str:
    """Normalised name without the particles on its first word ("لباشينيان" →
    "باشينيان"); the article stays, so "الحسين" is not "حسين"."""
    words = match_key(text).split(" ")
    if not words or not words[0]:
        return ""
    return " ".join([strip_particles(words[0]), *words[1:]])


def _bare(m: Mention) -> bool:
    """A role standing for a person ("الرئيس الأذربيجاني" with no name)."""
    return m.role is not None and (m.role.start, m.role.end) == (m.start, m.end)


def _local_id(typ: str, key: str) -> str:
    return f"local:{typ.lower()}:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


class _Story:
    def __init__(self, dossier: Dossier):
        self.lex = lexicon()
        self.d = dossier
        # (article index, mention index) -> [entity id, label]
        self.ids: dict[tuple[int, int], tuple[str, str]] = {}
        self.labels: dict[str, str] = {}
        self.stage_labels: dict[str, str] = {}  # labels the entities stage gave ids outside the gazetteer
        self.types: dict[str, str] = {}
        surnames = defaultdict(set)
        for c in self.lex.canon.values():
            if c.type == "PER":
                for name in [c.label, *c.aliases]:
                    last = surname(name_key(name).split(" "))
                    if last:
                        surnames[last].add(c.id)
        self.gaz_surname = {s: next(iter(ids)) for s, ids in surnames.items() if len(ids) == 1}

    def text(self, ai: int, m: Mention) -> str:
        return self.d.articles[ai].text[m.start : m.end]

    def each(self):
        for ai, art in enumerate(self.d.articles):
            for mi, m in enumerate(art.entities):
                yield ai, mi, m

    def assign(self, ai, mi, eid, label, typ):
        self.ids[(ai, mi)] = (eid, label)
        self.labels.setdefault(eid, label)
        self.types.setdefault(eid, typ)

    def run(self) -> None:
        full: dict[str, str] = {}  # full-name key -> id
        surnames: dict[str, list[tuple[int, str]]] = defaultdict(list)  # -> (article, id)
        roles: dict[tuple, Counter] = defaultdict(Counter)
        pending = []
        for ai, mi, m in self.each():  # 1. gazetteer ids
            if m.entity_id:
                self.assign(ai, mi, m.entity_id, m.label or self.text(ai, m), m.type)
                if m.label and m.entity_id not in self.lex.canon:  # e.g. a ministry
                    self.stage_labels.setdefault(m.entity_id, m.label)
            else:
                pending.append((ai, mi, m))
        for ai, mi, m in pending:  # 2. full names
            if m.type == "PER" and not _bare(m):
                k = name_key(self.text(ai, m))
                if " " in k:
                    eid = full.setdefault(k, self.lex.alias.get(k) or _local_id("PER", k))
                    self.assign(ai, mi, eid, self.text(ai, m), "PER")
        for (ai, mi), (eid, _) in list(self.ids.items()):
            m = self.d.articles[ai].entities[mi]
            if m.type == "PER":
                last = surname(name_key(self.text(ai, m)).split(" "))
                if last:
                    surnames[last].append((ai, eid))
                if m.role is not None and not _bare(m):
                    rk = role_key(self.lex, self.d.articles[ai].text[m.role.start : m.role.end])
                    if rk and rk[1]:
                        roles[rk][eid] += 1
        for ai, mi, m in pending:  # 3. surnames
            if (ai, mi) in self.ids or m.type != "PER":
                continue
            k = name_key(self.text(ai, m))
            cands = surnames.get(k) or surnames.get(match_key(self.text(ai, m)))
            eid = None
            if cands:
                same = [e for a, e in cands if a == ai]
                eid = Counter(same or [e for _, e in cands]).most_common(1)[0][0]
            elif k in self.gaz_surname:
                eid = self.gaz_surname[k]
            if eid:
                label = self.labels.get(eid) or self.lex.canon[eid].label
                self.assign(ai, mi, eid, label, "PER")
        for ai, mi, m in pending:  # 4. bare roles
            if (ai, mi) in self.ids or not _bare(m):
                continue
            rk = role_key(self.lex, self.text(ai, m))
            if not rk:
                continue
            votes = roles.get(rk)
            if votes is None:  # "الوزير الأذربيجاني" → the one Azerbaijani minister named
                near = [k for k in roles if k[1] == rk[1] and k[0].endswith(rk[0])]
                holders = {e for k in near for e in roles[k]}
                votes = roles[near[0]] if len(holders) == 1 else None
            if votes:
                eid = votes.most_common(1)[0][0]
                self.assign(ai, mi, eid, self.labels[eid], "PER")
        for ai, mi, m in pending:  # 5. story-local clusters
            if (ai, mi) in self.ids:
                continue
            t = self.text(ai, m)
            k = name_key(t)
            if m.type == "NORP":
                stem = self.lex.people.get(match_key(t)) or self.lex.people.get(k) or k
                state = self.lex.demonym.get(stem)
                eid = f"norp:{state}" if state else _local_id("NORP", stem)
            else:
                eid = _local_id(m.type, k)
            self.assign(ai, mi, eid, strip_article_clitic(t), m.type)
        self.merge_spellings()  # 6. one local person written two ways

    def merge_spellings(self) -> None:
        """Story-local people written two ways ("أرتسرون هوفهانيسيان",
        "أرتسرون هوفانيسيان") are one when the story gives both the same office
        in the same state and their surnames, without long vowels and hamza,
        differ by at most one letter. The id with more mentions is kept."""
        by_role: dict[tuple, dict[str, str]] = defaultdict(dict)  # role -> id -> skeleton
        count: Counter = Counter()
        for (ai, mi), (eid, _) in self.ids.items():
            count[eid] += 1
            if not eid.startswith("local:per:"):
                continue
            m = self.d.articles[ai].entities[mi]
            if m.role is None or _bare(m):
                continue
            rk = role_key(self.lex, self.d.articles[ai].text[m.role.start : m.role.end])
            last = _skeleton(name_key(self.text(ai, m)).split(" ")[-1])
            if rk and rk[1] and len(last) >= 4:
                by_role[rk].setdefault(eid, last)
        into: dict[str, str] = {}
        for people in by_role.values():
            ids = sorted(people, key=lambda e: (-count[e], e))
            for i, keep in enumerate(ids):
                if keep in into:
                    continue
                for other in ids[i + 1 :]:
                    if other not in into and _near(people[keep], people[other]):
                        into[other] = keep
        for key, (eid, label) in list(self.ids.items()):
            if eid in into:
                keep = into[eid]
                self.ids[key] = (keep, self.labels.get(keep, label))


def _skeleton(word: str) -> str:
    """A name without long vowels and hamza seats: transliterations of one name
    ("بابيكيان", "بابكيان") usually differ only there."""
    return "".join(c for c in word if c not in "اويىءئؤأإآ")


def _near(a: str, b: str) -> bool:
    """At most one letter inserted, dropped or changed, and the same first letter."""
    if a[:1] != b[:1] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def _local_label(forms: Counter, fallback: str) -> str:
    """The most frequent written form, the longest (full name) among ties,
    without a leading conjunction or preposition."""
    if not forms:
        return fallback
    best = max(forms.items(), key=lambda kv: (len(kv[0].split()) > 1, kv[1], -len(kv[0]), kv[0]))
    return strip_article_clitic(best[0])


def strip_article_clitic(text: str) -> str:
    """Display label of a local entity: "للأرمن" → "الأرمن", "وبلينكن" → "بلينكن"."""
    w = text.split(" ")
    first = w[0]
    if first.startswith("لل") and len(first) > 4:
        first = "ال" + first[2:]
    elif first[:1] in ("و", "ف") and len(first) > 4 and first[1:3] == "ال":
        first = first[1:]
    elif first[:1] in ("و", "ف") and len(w) > 1 and len(first) > 3 \
            and match_key(first) not in lexicon().triggers:  # "وزارة", "وكالة" keep their و
        first = first[1:]  # "وعلي عبد الله صالح": a leading conjunction on a full name
    return " ".join([first, *w[1:]])


@stage("link", requires=("entities",), provides=("entity_index",))
def link(dossier: Dossier) -> Dossier:
    story = _Story(dossier)
    story.run()
    lex = story.lex
    outlet = {s.article: s.label for s in dossier.sources}
    ev: dict[str, list[Evidence]] = defaultdict(list)
    forms: dict[str, Counter] = defaultdict(Counter)
    role_txt: dict[str, Counter] = defaultdict(Counter)
    counts: dict[str, Counter] = defaultdict(Counter)
    articles = []
    for ai, art in enumerate(dossier.articles):
        new = []
        for mi, m in enumerate(art.entities):
            eid, label = story.ids[(ai, mi)]
            new.append(replace(m, entity_id=eid, label=label))
            out = outlet.get(art.id) or art.meta.outlet or art.meta.source or art.id[:8]
            e = Evidence(art.id, m.start, m.end, out)
            surface = art.text[m.start : m.end]
            targets = [eid]
            actor = getattr(m, "actor", None)
            if actor and actor != eid:
                targets.append(actor)
                story.types.setdefault(actor, "GPE")
            for t in targets:
                ev[t].append(e)
                forms[t][surface] += 1
                if art.duplicate_of is None:
                    counts[t][out] += 1
            if m.role is not None:
                role_txt[eid][art.text[m.role.start : m.role.end]] += 1
        articles.append(art.with_layers(entities=tuple(new)))
    ents = []
    for eid, evs in ev.items():
        canon = lex.canon.get(eid)
        label = canon.label if canon else story.stage_labels.get(eid) or _local_label(
            forms[eid], story.labels.get(eid, ""))
        typ = canon.type if canon else story.types.get(eid, "MISC")
        aliases = tuple(f for f, _ in forms[eid].most_common() if f != label)
        roles = tuple(r for r, _ in role_txt[eid].most_common())
        ents.append(Entity(
            id=eid, label=label, type=typ, label_en=(canon.label_en or None) if canon else None,
            aliases=aliases, roles=roles, mentions=tuple(evs),
            outlets=tuple(sorted(counts[eid].items(), key=lambda kv: (-kv[1], kv[0]))),
        ))
    ents.sort(key=lambda e: (_ORDER.get(e.type, 9), -len(e.mentions), e.label))
    return replace(dossier, articles=tuple(articles), entities=tuple(ents))
