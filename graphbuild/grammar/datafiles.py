"""Reading and checking the grammar's data files: the predicate lexicon's rows (``Entry``), the
word lists and the name tables, each row checked as it is read, with the file and line of
any fault. ``lexicon`` exposes what they hold under the names the grammar uses.
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
    "countries.tsv": ("variant", "state", "kind"),
    "organisations.tsv": ("variant", "name", "source"),
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


def table_rows(path: Path, header: tuple[str, ...]) -> Iterable[tuple[int, list[str]]]:
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
    for n, cells in table_rows(DATA / name, HEADERS[name]):
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
    return check_words(name, ((n, row[0]) for n, row in table_rows(path, HEADERS["words"])))


@cache
def well_known_rows() -> tuple[tuple[str, str, bool, str], ...]:
    """(variant, name, adjective, file:line) for the rows of ``well_known.tsv``."""
    rows = []
    for n, (variant, name, adjective, _) in table_rows(DATA / "well_known.tsv", HEADERS["well_known.tsv"]):
        if adjective not in {"yes", "no"}:
            raise LexiconError(f"well_known.tsv:{n}: adjective is {adjective!r}; write yes or no.")
        rows.append((variant, name, adjective == "yes", f"well_known.tsv:{n}"))
    return tuple(rows)


# What a row of countries.tsv gives: another name of the state, its nationality adjective, or
# its capital (or seat of government), which stands for the state only as an actor.
GAZETTEER_KINDS = ("name", "demonym", "capital")


@cache
def gazetteer_rows() -> tuple[tuple[str, str, str, str], ...]:
    """(variant, name, kind, file:line) for the gazetteer's rows: ``countries.tsv``, then the
    organisations of ``organisations.tsv`` as kind ``name``."""
    rows = []
    for n, (variant, state, kind) in table_rows(DATA / "countries.tsv", HEADERS["countries.tsv"]):
        if kind not in GAZETTEER_KINDS or not state:
            raise LexiconError(
                f"countries.tsv:{n}: {variant!r} as {kind!r} of {state!r}; "
                f"name a state and one kind of {', '.join(GAZETTEER_KINDS)}."
            )
        rows.append((variant, state, kind, f"countries.tsv:{n}"))
    for n, (variant, name, _) in table_rows(DATA / "organisations.tsv", HEADERS["organisations.tsv"]):
        if not name:
            raise LexiconError(f"organisations.tsv:{n}: {variant!r} names no organisation.")
        rows.append((variant, name, "name", f"organisations.tsv:{n}"))
    return tuple(rows)


def merge_names(rows: Iterable[tuple[str, str, str]]) -> Mapping[str, str]:
    """(key, name, file:line) rows of several tables as one mapping, refusing a key written
    twice: the same name again is a duplicate, another name a conflict.

    Raises:
        LexiconError: naming both rows.
    """
    out: dict[str, str] = {}
    where: dict[str, str] = {}
    for key, value, place in rows:
        if key in out:
            what = "repeats" if out[key] == value else f"gives it to {value!r}, which conflicts with"
            raise LexiconError(
                f"{place}: {key!r} {what} {where[key]} ({out[key]!r}). "
                "Write each name once: delete one row (generated tables: edit scripts/gazetteer.py and rerun it)."
            )
        out[key], where[key] = value, place
    return MappingProxyType(out)


def verb_preps(phrases: Iterable[str]) -> Mapping[str, frozenset[str]]:
    """Lemma -> what can follow it in a phrase ("up with", "about", ""), for lookup."""
    found: dict[str, set[str]] = {}
    for phrase in phrases:
        head, _, rest = phrase.partition(" ")
        found.setdefault(head, set()).add(rest)
    return MappingProxyType({head: frozenset(rests) for head, rests in found.items()})


def verb_objects(entries: Iterable[Entry]) -> Mapping[tuple[str, str], tuple[Entry, ...]]:
    found: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        for noun in entry.objects:
            found.setdefault((entry.lemma, noun), []).append(entry)
    return MappingProxyType({key: tuple(rows) for key, rows in found.items()})
