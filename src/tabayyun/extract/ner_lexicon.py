"""The NER lexicons: gazetteer, roles, triggers, demonyms, given names.

Loaded once from the TSV files in ``arabic/lexicons`` (and the agencies list in
``ingest/data``). Every key is normalised with ``match_key`` and has its
proclitics (و ف ب ل ك, ال) stripped on the first word, so "لأذربيجان" and
"وباكو" find "أذربيجان" and "باكو".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..arabic.normalise import match_key
from ..arabic.stem import strip_clitics, strip_proclitics

_HERE = Path(__file__).resolve().parent.parent
LEXICONS = _HERE / "arabic" / "lexicons"
AGENCIES = _HERE / "ingest" / "data" / "agencies.tsv"
MAX_PHRASE = 6  # longest gazetteer alias in words


@dataclass
class Canon:
    """A canonical entity of the gazetteer."""

    id: str
    type: str
    label: str
    label_en: str = ""
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    state: str | None = None  # the state actor a capital / seat of power stands for
    kind: str = ""  # capital, seat, city, agency …


def _rows(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def key(phrase: str) -> str:
    """The lookup key of a phrase: normalised, first word without proclitics.

    Only the first word loses its clitics: in "ناغورني قره باغ" the later words
    are inside the name."""
    words = match_key(phrase).split(" ")
    if not words or not words[0]:
        return ""
    first = strip_proclitics(words[0])
    return " ".join([first or words[0]] + words[1:])


@lru_cache(maxsize=65536)
def strip_particles(norm: str) -> str:
    """Drop conjunctions and prepositions (و ف ب ل ك) but keep the article:
    "وباكو" → "باكو", "للأمم" → "الامم", "الحسين" stays (not "حسين")."""
    p, _ = strip_clitics(norm)
    prefix = norm[:p]
    if prefix.endswith("ال"):
        return norm[p - 2 :]
    if prefix.endswith("لل"):
        return "ال" + norm[p:]
    return norm[p:]


_LINEAGE = {"بن", "ابن", "بنت", "ابو", "ام", "عبد", "ال"}


def surname(words: list[str]) -> str | None:
    """The word a person is called by alone ("علييف" in "إلهام علييف"), or None
    for names where the last word is a father's or a divine name ("محمد بن سلمان
    بن عبدالعزيز", "عبد الله"). Words are normalised."""
    if len(words) < 2 or words[-1] == "الله" or any(w in _LINEAGE for w in words[1:]):
        return None
    return words[-1]


class Lexicon:
    def __init__(self, folder: Path = LEXICONS):
        self.canon: dict[str, Canon] = {}
        for path in sorted(folder.glob("gazetteer_*.tsv")):
            for cols in _rows(path):
                self._add(cols + [""] * (6 - len(cols)))
        for cols in _rows(AGENCIES):
            if len(cols) >= 2:
                cid = "org:agency:" + cols[1].lower().replace(" ", "_")
                c = self.canon.setdefault(cid, Canon(cid, "ORG", cols[0], cols[1], kind="agency"))
                c.aliases.append(cols[0])
        # alias key -> canonical id (the first definition wins on a clash). Names
        # are also keyed as the text side strips them: "للأمم" → "امم", and
        # "وبرشلونة" → "رشلونه" (the conjunction, then "ب" read as a preposition).
        # A name opening with و or ف is never stripped that way in text, so it
        # gets no such key ("فالنسيا" is not "نسيا").
        self.alias: dict[str, str] = {}
        for c in self.canon.values():
            for name in [c.label, *c.aliases]:
                whole = match_key(name)
                for k in (whole, "" if whole[:1] in ("و", "ف") else key(name)):
                    if k:
                        self.alias.setdefault(k, c.id)
        self.first_words = {k.split(" ")[0] for k in self.alias}
        # one-word names never written with the article ("مالي", "بنين"): a
        # token that had it ("المالي" = financial, "البنين" = sons) is not them
        with_article = {key(n) for c in self.canon.values() for n in [c.label, *c.aliases]
                        if match_key(n).startswith("ال")}
        self.bare = {match_key(n) for c in self.canon.values() for n in [c.label, *c.aliases]
                     if " " not in n.strip() and not match_key(n).startswith("ال")} - with_article
        self.roles: dict[str, tuple[str, str]] = {}
        for cols in _rows(LEXICONS / "roles.tsv"):
            self.roles[match_key(cols[0])] = (cols[1], cols[2] if len(cols) > 2 else "")
        self.role_first = {k.split(" ")[0] for k in self.roles}
        self.triggers: dict[str, str] = {}
        for cols in _rows(LEXICONS / "ner_triggers.tsv"):
            self.triggers[match_key(cols[0])] = cols[1]
        self.topics = {c[0]: c[1] for c in _rows(LEXICONS / "ner_topics.tsv") if len(c) > 1}
        # ministry portfolios ("الدفاع" -> "defence") and a display name per key
        self.ministries: dict[str, str] = {}
        self.ministry_names: dict[str, str] = {}
        for cols in _rows(LEXICONS / "ner_ministries.tsv"):
            if len(cols) > 1:
                self.ministries[match_key(cols[0])] = cols[1]
                self.ministry_names.setdefault(cols[1], cols[0])
        self.ministry_first = {k.split(" ")[0] for k in self.ministries}
        self.given = {match_key(c[0]) for c in _rows(LEXICONS / "ner_first_names.tsv")}
        self.demonym: dict[str, str] = {}  # adjective stem -> state id ("" when none)
        self.people: dict[str, str] = {}  # people noun ("الأرمن") -> adjective stem
        for cols in _rows(LEXICONS / "ner_demonyms.tsv"):
            adj = match_key(cols[0])
            self.demonym[adj] = cols[1] if len(cols) > 1 else ""
            for form in (cols[2].split("|") if len(cols) > 2 and cols[2] else []):
                self.people[strip_proclitics(match_key(form))] = adj
                self.people[match_key(form)] = adj

    def _add(self, cols: list[str]) -> None:
        cid, typ, label, label_en, aliases, extra = cols[:6]
        c = self.canon.get(cid)
        if c is None:
            c = self.canon[cid] = Canon(cid, typ, label, label_en)
        elif label and label != c.label:
            c.aliases.append(label)
        c.aliases.extend(a for a in aliases.split("|") if a)
        for flag in extra.split(";"):
            name, _, value = flag.partition("=")
            if name == "state":
                c.state = value
            elif name == "role":
                c.roles.extend(v for v in value.split("|") if v)
            elif name and not value:
                c.kind = name

    @property
    def surnames(self) -> dict[str, str]:
        """Surnames (at least 4 letters) of gazetteer people that belong to one
        person only -> that person's id: "علييف" alone is Ilham Aliyev."""
        got = getattr(self, "_surnames", None)
        if got is None:
            from ..arabic.normalise import normalise

            seen: dict[str, set[str]] = {}
            for c in self.canon.values():
                if c.type == "PER":
                    for name in [c.label, *c.aliases]:
                        last = surname(normalise(name).split())
                        if last and len(last) >= 4:
                            seen.setdefault(last, set()).add(c.id)
            got = self._surnames = {s: next(iter(ids)) for s, ids in seen.items() if len(ids) == 1}
        return got

    def demonym_of(self, word_norm: str) -> str | None:
        """The adjective stem of a nationality word in any form ("الأذربيجانية",
        "الأذري", "أرمينيًا" → "اذربيجاني", "اذري", "ارميني"), or None. Cached."""
        cache = self.__dict__.setdefault("_demonym_cache", {})
        got = cache.get(word_norm, False)
        if got is False:
            got = self._demonym_of(word_norm)
            if len(cache) > 100_000:
                cache.clear()
            cache[word_norm] = got
        return got

    def _demonym_of(self, word_norm: str) -> str | None:
        w = strip_proclitics(word_norm)
        for end in ("يين", "يون", "يه", "يا", "ين", "ون", "ي", "يان"):
            if w.endswith(end):
                stem = w[: len(w) - len(end)] + "ي"
                if stem in self.demonym:
                    return stem
        return w if w in self.demonym else None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
