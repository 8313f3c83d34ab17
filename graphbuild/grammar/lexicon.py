"""The grammar's words, read from the data files shipped in ``grammar/data/``.

The linguistic knowledge is data (``data/README.md`` describes the files): the predicate
lexicon (``verbs.tsv``, ``nouns.tsv``, ``adjectives.tsv``: one row per trigger, each with a
sentence it must fire on), the word lists in ``data/words/`` and the tables of nationality
adjectives and well-known name variants. This module reads them once, checks them and
exposes them under the names the grammar uses, as frozensets and read-only mappings.

It imports nothing from spaCy, so ``graphbuild.normalize`` can use the same lists.

>>> VERB_PHRASES["team up with"], EVENT_NOUNS["lawsuit"]
('COLLABORATES_WITH', ('SUES', ('against',)))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from graphbuild.errors import LexiconError
from graphbuild.vocab import RELATIONS

DATA = Path(__file__).parent / "data"
# The columns each table must have, in order.
HEADERS = {
    "verbs.tsv": ("lemma", "particle_prep", "relation", "example", "note"),
    "nouns.tsv": ("lemma", "prepositions", "relation", "example", "note"),
    "adjectives.tsv": ("word", "preposition", "relation", "example", "note"),
    "demonyms.tsv": ("adjective", "state"),
    "well_known.tsv": ("variant", "name", "adjective", "note"),
    "words": ("word", "note"),
}
KINDS = {"verb": "verbs.tsv", "noun": "nouns.tsv", "adjective": "adjectives.tsv"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the predicate lexicon.

    ``trigger`` is what the grammar looks up: for a verb its lemma with the particle and
    preposition written after it ("team up with"), for a noun its lemma ("lawsuit"), for an
    adjective the word and its preposition ("opposed to"). ``prepositions`` are a noun's.
    """

    kind: str  # "verb", "noun" or "adjective"
    trigger: str
    relation: str
    example: str
    note: str = ""
    prepositions: tuple[str, ...] = ()
    where: str = ""  # file:line, for messages


def _rows(path: Path, header: tuple[str, ...]) -> Iterable[tuple[int, list[str]]]:
    """The data rows of a TSV file: ``#`` lines are comments, the first other line the header."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, start=1) if line.strip() and not line.startswith("#")]
    if not lines:
        raise LexiconError(f"{path}: no header row. Give the columns: {', '.join(header)}.")
    found = tuple(lines[0][1].rstrip("\r\n").split("\t"))
    if found != header:
        raise LexiconError(f"{path}:{lines[0][0]}: header {found!r}; expected {header!r}.")
    for n, line in lines[1:]:
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) > len(header) or not cells[0].strip():
            raise LexiconError(f"{path}:{n}: {cells!r} does not fit the columns {', '.join(header)}.")
        yield n, [c.strip() for c in cells] + [""] * (len(header) - len(cells))


def read_entries(kind: str) -> list[Entry]:
    """Read one table of the predicate lexicon as written (unchecked)."""
    name = KINDS[kind]
    entries = []
    for n, (word, middle, relation, example, note) in _rows(DATA / name, HEADERS[name]):
        where = f"{name}:{n}"
        if kind == "noun":
            preps = tuple(middle.split())
            entries.append(Entry(kind, word, relation, example, note, preps, where))
        else:
            trigger = f"{word} {middle}".strip()
            entries.append(Entry(kind, trigger, relation, example, note, (), where))
    return entries


def check_entries(entries: Iterable[Entry]) -> list[Entry]:
    """Refuse what would make the lexicon ambiguous or untestable.

    One relation per trigger: a second row for the same trigger is an error, whether it
    repeats the relation (a duplicate) or names another (a clash: decide which reading the
    news means and keep that row, with the reason in its note).

    Raises:
        LexiconError: naming both rows.
    """
    seen: dict[tuple[str, str], Entry] = {}
    out = []
    for entry in entries:
        if entry.relation not in RELATIONS:
            raise LexiconError(f"{entry.where}: unknown relation {entry.relation!r}. Known: {', '.join(RELATIONS)}.")
        if not entry.example:
            raise LexiconError(f"{entry.where}: {entry.trigger!r} has no example sentence; write one it fires on.")
        if entry.kind == "noun" and not entry.prepositions:
            raise LexiconError(f"{entry.where}: the noun {entry.trigger!r} names no preposition for its target.")
        if entry.trigger != entry.trigger.lower() or "  " in entry.trigger:
            raise LexiconError(f"{entry.where}: write the trigger {entry.trigger!r} in lower case, single-spaced.")
        key = (entry.kind, entry.trigger)
        first = seen.get(key)
        if first is not None:
            what = "repeats" if first.relation == entry.relation else f"clashes with {first.relation} in"
            raise LexiconError(
                f"{entry.where}: {entry.trigger!r} as {entry.relation} {what} {first.where}. "
                "Keep one row per trigger: the reading news means most, with why in its note."
            )
        seen[key] = entry
        out.append(entry)
    return out


@cache
def lexicon_entries() -> tuple[Entry, ...]:
    """Every row of the predicate lexicon, checked: verbs, then nouns, then adjectives."""
    return tuple(check_entries(e for kind in KINDS for e in read_entries(kind)))


def check_words(name: str, rows: Iterable[tuple[int, str]]) -> frozenset[str]:
    """A word list as a set, refusing empty, repeated, spaced or capitalised words.

    Raises:
        LexiconError: naming the file, line and word.
    """
    words: set[str] = set()
    for n, word in rows:
        if not word or word != word.lower() or any(c.isspace() for c in word):
            raise LexiconError(f"words/{name}.tsv:{n}: {word!r}: one lower-case word a row.")
        if word in words:
            raise LexiconError(f"words/{name}.tsv:{n}: {word!r} is listed twice.")
        words.add(word)
    return frozenset(words)


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of ``data/words/NAME.tsv``.

    >>> "lawsuit" in word_list("light_verbs"), "file" in word_list("light_verbs")
    (False, True)
    """
    path = DATA / "words" / f"{name}.tsv"
    if not path.is_file():
        raise LexiconError(f"No word list {name!r}: {path} is missing.")
    return check_words(name, ((n, row[0]) for n, row in _rows(path, HEADERS["words"])))


@cache
def _well_known() -> tuple[tuple[str, str, bool], ...]:
    rows = []
    for n, (variant, name, adjective, _) in _rows(DATA / "well_known.tsv", HEADERS["well_known.tsv"]):
        if adjective not in {"yes", "no"}:
            raise LexiconError(f"well_known.tsv:{n}: adjective is {adjective!r}; write yes or no.")
        rows.append((variant, name, adjective == "yes"))
    return tuple(rows)


def _mapping(pairs: Iterable[tuple[str, str]], where: str) -> Mapping[str, str]:
    out: dict[str, str] = {}
    for key, value in pairs:
        if key in out:
            raise LexiconError(f"{where}: {key!r} is listed twice.")
        out[key] = value
    return MappingProxyType(out)


def _verb_preps(phrases: Iterable[str]) -> Mapping[str, frozenset[str]]:
    """Lemma -> what can follow it in a phrase ("up with", "about", ""), for lookup."""
    found: dict[str, set[str]] = {}
    for phrase in phrases:
        head, _, rest = phrase.partition(" ")
        found.setdefault(head, set()).add(rest)
    return MappingProxyType({head: frozenset(rests) for head, rests in found.items()})


_ENTRIES = lexicon_entries()

# -- the predicate lexicon -----------------------------------------------------------------------
VERB_PHRASES: Mapping[str, str] = MappingProxyType({e.trigger: e.relation for e in _ENTRIES if e.kind == "verb"})
ADJECTIVE_PHRASES: Mapping[str, str] = MappingProxyType(
    {e.trigger: e.relation for e in _ENTRIES if e.kind == "adjective"}
)
# noun lemma -> (relation, prepositions after which the target stands)
EVENT_NOUNS: Mapping[str, tuple[str, tuple[str, ...]]] = MappingProxyType(
    {e.trigger: (e.relation, e.prepositions) for e in _ENTRIES if e.kind == "noun"}
)
VERB_PREPS: Mapping[str, frozenset[str]] = _verb_preps(VERB_PHRASES)

# -- word lists (data/words/NAME.tsv; each file says what its list is for) ----------------------
LIGHT_VERBS = word_list("light_verbs")
RECEIVING_VERBS = word_list("receiving_verbs")
REVERSING_VERBS = word_list("reversing_verbs")
LABEL_VERBS = word_list("label_verbs")
NEGATIVE_LABELS = word_list("negative_labels")
RECIPROCAL = word_list("reciprocal")
NEGATING_VERBS = word_list("negating_verbs")
PLANNING_VERBS = word_list("planning_verbs")
REQUEST_VERBS = word_list("request_verbs")
REPORTING_VERBS = word_list("reporting_verbs")
DECREE_VERBS = word_list("decree_verbs")
ACCUSING_SPEECH = word_list("accusing_speech")
OBJECT_CONTROL = word_list("object_control")
CHAIN_VERBS = word_list("chain_verbs")
HYPOTHETICAL_AUX = word_list("hypothetical_aux")
FUTURE_AUX = word_list("future_aux")
OBLIGATION_AUX = word_list("obligation_aux")
ROLE_NOUNS = word_list("role_nouns")
ROLE_PREPS = word_list("role_preps")
GROUP_HEADS = word_list("group_heads")
NAMED_GROUP_HEADS = word_list("named_group_heads")
# agents, from PETRARCH2's Phoenix dictionary (scripts/phoenix_agents.py), and our own rows
STATE_AGENTS = word_list("state_agents")
GROUP_AGENTS = word_list("group_agents")
PEOPLE_AGENTS = word_list("people_agents")
PRIVATE_ROLES = word_list("private_roles")
PRIVATE_THINGS = word_list("private_things")
QUANTITY_HEADS = word_list("quantity_heads")
THING_HEADS = word_list("thing_heads")
OWNER_PARTICIPLES = word_list("owner_participles")
NOT_OWNED = word_list("not_owned")
OWNED_NOUNS = word_list("owned_nouns")
LEGAL_WORDS = word_list("legal_words")
VERSUS_WORDS = word_list("versus_words")
# mentions and references
NOT_ACTORS = word_list("not_actors")
SINGULAR_PRONOUNS = word_list("singular_pronouns")
PLURAL_PRONOUNS = word_list("plural_pronouns")
PERSON_PRONOUNS = word_list("person_pronouns")
GROUP_WORDS = word_list("group_words")
GROUP_NOUNS = word_list("group_nouns")
ORG_DESCRIPTIONS = word_list("org_descriptions")
BUSINESS_DESCRIPTIONS = word_list("business_descriptions")
PUBLIC_HEADS = word_list("public_heads")
GOV_DESCRIPTIONS = word_list("gov_descriptions")
EVENT_DESCRIPTIONS = word_list("event_descriptions")
ORG_HEADS = word_list("org_heads")
LAW_HEADS = word_list("law_heads")
NAME_PREFIXES = word_list("name_prefixes")
# names (graphbuild.normalize)
COMPANY_HEADS = word_list("company_heads")
CORPORATE_SUFFIXES = word_list("corporate_suffixes")
TITLES = word_list("titles")
LEADING_WORDS = word_list("leading_words")

# -- names ---------------------------------------------------------------------------------------
# variant (case-folded) -> the name the graph gives that government or body
WELL_KNOWN: Mapping[str, str] = _mapping(((v.casefold(), name) for v, name, _ in _well_known()), "well_known.tsv")
# nationality adjective, as written -> its state; abbreviations written as adjectives
# ("US troops") come from the well-known variants, so each is listed once
DEMONYMS: Mapping[str, str] = _mapping(
    [
        *((row[0], row[1]) for _, row in _rows(DATA / "demonyms.tsv", HEADERS["demonyms.tsv"])),
        *((v, name) for v, name, adjective in _well_known() if adjective),
    ],
    "demonyms.tsv and well_known.tsv",
)


def country_of(adjective: str) -> str | None:
    """The state a nationality adjective stands for.

    >>> country_of("Turkish"), country_of("US")
    ('Turkey', 'United States')
    """
    return DEMONYMS.get(adjective.strip())
