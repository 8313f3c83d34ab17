"""The grammar's words, read from the data files shipped in ``grammar/data/``.

The linguistic knowledge is data (``data/README.md`` describes the files): the predicate
lexicon (``verbs.tsv``, ``nouns.tsv``, ``adjectives.tsv``: one row per trigger, each with a
sentence it must fire on), the word lists in ``data/words/`` and the tables of nationality
adjectives and well-known name variants. This module reads them once, checks them and
exposes them under the names the grammar uses, as frozensets and read-only mappings.

It imports nothing from spaCy, so ``graphbuild.normalize`` can use the same lists.

>>> VERB_PHRASES["team up with"], EVENT_NOUNS["lawsuit"]
('COLLABORATES_WITH', ('SUES', ('against',)))
>>> [(t.prep, t.relation) for t in VERB_OBJECTS["take", "aim"]]
[('at', 'CRITICIZES')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from graphbuild.errors import LexiconError
from graphbuild.vocab import RELATIONS, RelationType

DATA = Path(__file__).parent / "data"
# The columns each table must have, in order.
HEADERS = {
    "verbs.tsv": ("lemma", "particle_prep", "object", "relation", "actors", "exclude", "example", "note", "source"),
    "nouns.tsv": ("lemma", "prepositions", "relation", "example", "note", "source"),
    "adjectives.tsv": ("word", "preposition", "relation", "example", "note"),
    "demonyms.tsv": ("adjective", "state"),
    "well_known.tsv": ("variant", "name", "adjective", "note"),
    "words": ("word", "note"),
}
KINDS = {"verb": "verbs.tsv", "noun": "nouns.tsv", "adjective": "adjectives.tsv"}
# Words written after a verb that belong to it ("team up with", "kick out") rather than
# introduce its target; in a verb row's particle_prep they come first.
PARTICLES = frozenset({"up", "out", "off", "down", "back", "away", "together", "aside", "forward"})
# Where a verb row's target stands (the ``actors`` column): the direct object, the object of
# the row's preposition, or nowhere: two or more subjects relate to each other.
TARGET_SLOTS = ("object", "prep", "mutual")


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the predicate lexicon.

    ``trigger`` is what the grammar looks up and a frame names: for a verb its lemma with the
    particle and preposition written after it ("team up with"), and with an object noun
    constraint the nouns too ("open fire on", "establish tie|relation with"); for a noun its
    lemma ("lawsuit"); for an adjective the word and its preposition ("opposed to").
    ``prepositions`` are a noun's.
    """

    kind: str  # "verb", "noun" or "adjective"
    trigger: str
    relation: str
    example: str
    note: str = ""
    prepositions: tuple[str, ...] = ()
    where: str = ""  # file:line, for messages
    lemma: str = ""  # a verb's lemma
    particle: str = ""  # a verb's particle: "up" in "team up with"
    prep: str = ""  # a verb's preposition before its target: "with" in "team up with"
    objects: tuple[str, ...] = ()  # the noun lemmas a verb's direct object must have
    actors: tuple[str, ...] = ()  # where a verb's target stands: TARGET_SLOTS
    exclude: tuple[str, ...] = ()  # object nouns with which a verb row does not fire
    source: str = ""  # where an imported row comes from; empty: written for graphbuild

    @property
    def type(self) -> RelationType:
        return RELATIONS[self.relation]

    @property
    def polarity(self) -> str:
        """The relation's polarity: rows carry none of their own."""
        return self.type.polarity

    @property
    def intensity(self) -> float:
        return self.type.intensity

    @property
    def keys(self) -> tuple[tuple[str, ...], ...]:
        """What the grammar looks the row up by; two rows may not share one."""
        if self.objects:
            return tuple((self.kind, self.lemma, self.particle, noun, self.prep) for noun in self.objects)
        return ((self.kind, self.trigger),)


def split_particle_prep(words: str) -> tuple[str, str]:
    """A verb row's particle_prep as (particle, preposition).

    >>> split_particle_prep("up with"), split_particle_prep("out"), split_particle_prep("about")
    (('up', 'with'), ('out', ''), ('', 'about'))
    """
    parts = words.split()
    if not parts:
        return "", ""
    if parts[-1] in PARTICLES:
        return " ".join(parts), ""
    return " ".join(parts[:-1]), parts[-1]


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
    for n, cells in _rows(DATA / name, HEADERS[name]):
        where = f"{name}:{n}"
        if kind == "verb":
            entries.append(_verb_entry(cells, where))
        elif kind == "noun":
            word, preps, relation, example, note, source = cells
            entries.append(Entry(kind, word, relation, example, note, tuple(preps.split()), where, source=source))
        else:
            word, prep, relation, example, note = cells
            entries.append(Entry(kind, f"{word} {prep}".strip(), relation, example, note, (), where))
    return entries


def _verb_entry(cells: list[str], where: str) -> Entry:
    lemma, middle, objects, relation, actors, exclude, example, note, source = cells
    particle, prep = split_particle_prep(middle)
    nouns = tuple(objects.split())
    if nouns:
        trigger = " ".join(w for w in (lemma, particle, "|".join(nouns), prep) if w)
    else:
        trigger = f"{lemma} {middle}".strip()
    slots = tuple(actors.split()) or (("prep",) if prep else ("object",))
    return Entry(
        "verb",
        trigger,
        relation,
        example,
        note,
        (),
        where,
        lemma=lemma,
        particle=particle,
        prep=prep,
        objects=nouns,
        actors=slots,
        exclude=tuple(exclude.split()),
        source=source,
    )


def check_entries(entries: Iterable[Entry]) -> list[Entry]:
    """Refuse what would make the lexicon ambiguous or untestable.

    One relation per trigger: a second row for the same trigger is an error, whether it
    repeats the relation (a duplicate) or names another (a clash: decide which reading the
    news means and keep that row, with the reason in its note).

    Raises:
        LexiconError: naming both rows.
    """
    seen: dict[tuple[str, ...], Entry] = {}
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
        if entry.kind == "verb":
            _check_verb(entry)
        for key in entry.keys:
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


def _check_verb(entry: Entry) -> None:
    """A verb row's target must stand where the row says, and only where it can."""
    bad = [slot for slot in entry.actors if slot not in TARGET_SLOTS]
    if bad:
        raise LexiconError(f"{entry.where}: actors {bad!r}: write one or more of {', '.join(TARGET_SLOTS)}.")
    if "prep" in entry.actors and not entry.prep:
        raise LexiconError(f"{entry.where}: {entry.trigger!r} reads its target after a preposition it does not name.")
    if entry.objects and "object" in entry.actors:
        raise LexiconError(
            f"{entry.where}: {entry.trigger!r} requires the object nouns {' '.join(entry.objects)}, "
            "so its direct object is no actor: name a preposition for the target, or write actors: mutual."
        )
    overlap = set(entry.objects) & set(entry.exclude)
    if overlap:
        raise LexiconError(f"{entry.where}: {entry.trigger!r} both requires and excludes {' '.join(sorted(overlap))}.")


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


def _verb_objects(entries: Iterable[Entry]) -> Mapping[tuple[str, str], tuple[Entry, ...]]:
    found: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        for noun in entry.objects:
            found.setdefault((entry.lemma, noun), []).append(entry)
    return MappingProxyType({key: tuple(rows) for key, rows in found.items()})


_ENTRIES = lexicon_entries()

# -- the predicate lexicon -----------------------------------------------------------------------
_VERBS = tuple(e for e in _ENTRIES if e.kind == "verb")
# "lemma particle prep" -> relation, for the rows that read any object
VERB_PHRASES: Mapping[str, str] = MappingProxyType({e.trigger: e.relation for e in _VERBS if not e.objects})
ADJECTIVE_PHRASES: Mapping[str, str] = MappingProxyType(
    {e.trigger: e.relation for e in _ENTRIES if e.kind == "adjective"}
)
# noun lemma -> (relation, prepositions after which the target stands)
EVENT_NOUNS: Mapping[str, tuple[str, tuple[str, ...]]] = MappingProxyType(
    {e.trigger: (e.relation, e.prepositions) for e in _ENTRIES if e.kind == "noun"}
)
# lemma -> what can follow it in a phrase; rows that require an object noun are left out, so
# they widen neither this lookup nor the search for a preposition hung lower in the parse
VERB_PREPS: Mapping[str, frozenset[str]] = _verb_preps(VERB_PHRASES)
# (lemma, object noun) -> the rows that require that object: "open fire on", "lift curfew"
VERB_OBJECTS: Mapping[tuple[str, str], tuple[Entry, ...]] = _verb_objects(_VERBS)
# trigger -> object nouns with which the row does not fire ("release" a report)
VERB_EXCLUDES: Mapping[str, frozenset[str]] = MappingProxyType(
    {e.trigger: frozenset(e.exclude) for e in _VERBS if e.exclude}
)
# triggers whose subjects may relate to each other with no target named
VERB_MUTUAL: frozenset[str] = frozenset(e.trigger for e in _VERBS if "mutual" in e.actors)

# -- word lists (data/words/NAME.tsv; each file says what its list is for) ----------------------
LIGHT_VERBS = word_list("light_verbs")
RECEIVING_VERBS = word_list("receiving_verbs")
REVERSING_VERBS = word_list("reversing_verbs")
BREAKING_VERBS = word_list("breaking_verbs")
PHRASAL_BREAKING_VERBS = word_list("phrasal_breaking_verbs")
NEEDS_VERB_NOUNS = word_list("needs_verb_nouns")
WORSENING_WORDS = word_list("worsening_words")
WRONGDOING_VERBS = word_list("wrongdoing_verbs")
ENDING_NOUNS = word_list("ending_nouns")
STOP_VERBS = word_list("stop_verbs")
DEMAND_VERBS = word_list("demand_verbs")
GIVING_VERBS = word_list("giving_verbs")
CONTROL_NOUNS = word_list("control_nouns")
GIVEN_THINGS = word_list("given_things")
WISH_VERBS = word_list("wish_verbs")
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
NOT_OWNED = word_list("not_owned")
OWNED_NOUNS = word_list("owned_nouns")
LEGAL_WORDS = word_list("legal_words")
VERSUS_WORDS = word_list("versus_words")
# every verb lemma the grammar reads, for mending the model's lemmas ("fined" -> "fin")
VERB_LEMMAS: frozenset[str] = frozenset(e.lemma for e in _VERBS) | LIGHT_VERBS | RECEIVING_VERBS | REVERSING_VERBS
# mentions and references
NOT_ACTORS = word_list("not_actors")
SINGULAR_PRONOUNS = word_list("singular_pronouns")
PLURAL_PRONOUNS = word_list("plural_pronouns")
PERSON_PRONOUNS = word_list("person_pronouns")
GROUP_WORDS = word_list("group_words")
GROUP_NOUNS = word_list("group_nouns")
ORG_DESCRIPTIONS = word_list("org_descriptions")
GOV_DESCRIPTIONS = word_list("gov_descriptions")
EVENT_DESCRIPTIONS = word_list("event_descriptions")
ORG_HEADS = word_list("org_heads")
LAW_HEADS = word_list("law_heads")
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
