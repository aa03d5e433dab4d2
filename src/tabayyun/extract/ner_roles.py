"""Titles and roles around person names: "وزير الخارجية الأمريكي أنتوني بلينكن",
"أنطونيو غوتيريش، الأمين العام للأمم المتحدة", and bare role mentions
("الرئيس الأذربيجاني") that the link stage resolves to the person the story
named with that role.

A role key is (role in English, state or organisation id): "الرئيس الأذربيجاني"
and "رئيس أذربيجان" share ("president", "gpe:AZ").
"""

from __future__ import annotations

from ..arabic.normalise import match_key
from ..arabic.stem import strip_proclitics
from .ner_lexicon import Lexicon

MAX_TRIGGER = 4  # words in the longest trigger
MAX_QUALIFIER = 5  # words between a trigger and the name
# words that end a role phrase when scanning left or right of a name
_BREAK = set(match_key(w) for w in (
    "إن أن أنه أنها قال قالت أعلن أعلنت أكد أكدت أضاف وقال وأضاف وأكد ذكر ذكرت أوضح "
    "دعا دعت اتهم حث أبلغ بعد قبل خلال حيث الذي التي كما لكن إلا مع عن على إلى"
).split())
# prepositions that cannot end a role phrase
_DANGLING = set(match_key(w) for w in "في من على عن إلى الى مع لدى و".split())
# roles that stand for one holder at a time: only these make bare role mentions
_HOLDER_KINDS = {"head", "government", "minister", "spokesperson"}


def _word(norm: str) -> bool:
    return bool(norm) and norm[0].isalpha() and not norm.isascii()


def trigger_at(lex: Lexicon, norms: list[str], j: int) -> int:
    """Length (in words) of the longest role trigger starting at word ``j``; a
    conjunction on the first word ("ورئيس") is ignored. 0 when none."""
    first = norms[j]
    rf = lex.role_first
    if first not in rf and first[1:] not in rf and "ا" + first[2:] not in rf:
        return 0  # the common case, decided without building phrases
    firsts = [first]
    if first[:1] in ("و", "ف", "ل") and len(first) > 3:
        firsts.append(first[1:])
    if first.startswith("لل") and len(first) > 4:  # "للرئيس" → "الرئيس"
        firsts.append("ا" + first[1:])
    for length in range(min(MAX_TRIGGER, len(norms) - j), 0, -1):
        rest = norms[j + 1 : j + length]
        for f in firsts:
            if " ".join([f, *rest]) in lex.roles:
                return length
    return 0


def role_before(lex: Lexicon, norms: list[str], i: int, lo: int) -> tuple[int, int] | None:
    """Word range [a, i) of the role phrase ending just before a name at ``i``
    (never reaching below ``lo``), or None."""
    best = None
    if i - 1 >= lo and norms[i - 1] == ",":  # "وزير دفاع تركيا، يشار غولر"
        i -= 1
    j = i - 1
    while j >= lo and i - j <= MAX_QUALIFIER + MAX_TRIGGER:
        w = norms[j]
        if not _word(w) or w in _BREAK:
            break
        length = trigger_at(lex, norms, j)
        if length and j + length <= i:
            best = j
        j -= 1
    return (best, i) if best is not None else None


def role_after(lex: Lexicon, norms: list[str], e: int, hi: int) -> tuple[int, int] | None:
    """Word range of an apposition role after a name ending at ``e``:
    "غوتيريش، الأمين العام للأمم المتحدة"."""
    j = e
    if j < hi and norms[j] in (",", "-"):
        j += 1
    if j >= hi or not trigger_at(lex, norms, j):
        return None
    k = j + trigger_at(lex, norms, j)
    while k < hi and k - j < MAX_QUALIFIER + MAX_TRIGGER and _word(norms[k]) \
            and norms[k] not in _BREAK:
        k += 1
    while k - 1 > j and norms[k - 1] in _DANGLING:  # "النائب العام السابق في"
        k -= 1
    return (j, k)


def role_key(lex: Lexicon, phrase: str) -> tuple[str, str | None] | None:
    """("president", "gpe:AZ") for "الرئيس الأذربيجاني"/"رئيس أذربيجان"; the
    state is None when the phrase names none."""
    words = match_key(phrase).split(" ")
    if not words or not words[0]:
        return None
    if words[0][:1] in ("و", "ف") and words[0] not in lex.roles and len(words[0]) > 3:
        words[0] = words[0][1:]
    label = None
    for length in range(min(MAX_TRIGGER, len(words)), 0, -1):
        got = lex.roles.get(" ".join(words[:length]))
        if got:
            label, rest = got[1] or got[0], words[length:]
            break
    if label is None:
        return None
    state = None
    for k in range(len(rest)):
        stem = lex.demonym_of(rest[k])
        if stem and lex.demonym.get(stem):
            state = lex.demonym[stem]
            break
        for n in (3, 2, 1):
            cid = lex.alias.get(" ".join([strip_proclitics(rest[k]), *rest[k + 1 : k + n]]))
            if cid and lex.canon[cid].type in ("GPE", "ORG"):
                state = lex.canon[cid].state if lex.canon[cid].kind == "capital" else cid
                break
        if state:
            break
    return (label, state)


def holds_one(lex: Lexicon, phrase: str) -> bool:
    """A role one person holds at a time, qualified by a state or organisation."""
    words = match_key(phrase).split(" ")
    key = role_key(lex, phrase)
    if not key or not key[1]:
        return False
    for length in range(min(MAX_TRIGGER, len(words)), 0, -1):
        got = lex.roles.get(" ".join(words[:length]))
        if got:
            return got[0] in _HOLDER_KINDS or got[1] == "secretary-general"
    return False
