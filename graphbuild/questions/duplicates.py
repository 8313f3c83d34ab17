"""Likely duplicate actors: pairs of names that may be one actor, each with why, and the
alias-file row that would merge them, for the user to confirm (``graphbuild actors
--duplicates``).

Nothing is merged here: "Apple" and "Apple Music" share a word and are two actors, so the
user decides, writes the rows they agree with to the alias file (``alias,canonical``, see
``graphbuild.normalize.read_aliases``) and loads the articles again with ``--aliases``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from graphbuild.graph import KnowledgeGraph
from graphbuild.normalize import clean_name, is_company_name
from graphbuild.questions.actors import Row, actor_counts, check_type
from graphbuild.vocab import refines

COLUMNS = ("alias", "canonical", "reason", "row")
PERSON = "person"
# Words an acronym leaves out ("Organisation of the Petroleum Exporting Countries": OPEC).
CONNECTIVES = frozenset({"of", "the", "and", "for", "on", "in", "&", "de", "des", "du", "la", "le"})
_EDGES = "\"'“”‘’.,;:()[]"


@dataclass(frozen=True, slots=True)
class _Actor:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int
    words: tuple[str, ...]


def _words(name: str) -> tuple[str, ...]:
    """The lower-case words of a name, without the punctuation around them or the dots of an
    abbreviation ("U.S." is "us")."""
    return tuple(w for w in (word.strip(_EDGES).replace(".", "").lower() for word in name.split()) if w)


def _acronym_key(name: str) -> str:
    """A one-word name as an acronym would match it: "U.N." and "UN" alike."""
    return re.sub(r"[.\s]", "", name).lower()


def _initials(words: tuple[str, ...]) -> set[str]:
    """The acronyms a name of several words may go by: every word's first letter, or only
    the words that are not connectives."""
    found = set()
    for kept in (words, tuple(w for w in words if w not in CONNECTIVES)):
        letters = "".join(w[0] for w in kept if w[0].isalnum())
        if len(kept) > 1 and len(letters) == len(kept):
            found.add(letters)
    return found


def _acronyms(actors: list[_Actor]) -> Iterator[tuple[_Actor, _Actor, str]]:
    spelled: dict[str, list[tuple[_Actor, str]]] = {}  # acronym key -> (actor, the name or alias)
    for actor in actors:
        for spelling in (actor.name, *actor.aliases):
            if len(spelling.split()) == 1 and len(_acronym_key(spelling)) > 1:
                spelled.setdefault(_acronym_key(spelling), []).append((actor, spelling))
    for actor in actors:
        for letters in sorted(_initials(actor.words)):
            for other, spelling in spelled.get(letters, ()):
                if other.id == actor.id:
                    continue
                short = spelling if spelling == other.name else f"{spelling}, an alias of {other.name},"
                yield other, actor, f"{short} is the acronym of {actor.name}"


def _compatible(a: _Actor, b: _Actor) -> bool:
    """Types one actor could have had in two articles: the same, unknown, or one refining the other."""
    return a.type == b.type or refines(a.type, b.type) or refines(b.type, a.type)


def _within(actors: list[_Actor]) -> Iterator[tuple[_Actor, _Actor, str]]:
    by_words: dict[tuple[str, ...], list[_Actor]] = {}
    for actor in actors:
        if actor.words:
            by_words.setdefault(actor.words, []).append(actor)
    inside: dict[str, list[tuple[_Actor, _Actor]]] = {}  # shorter actor -> (it, a longer one)
    for actor in actors:
        n = len(actor.words)
        runs = {actor.words[i : i + k] for k in range(1, n) for i in range(n - k + 1)}
        for run in sorted(runs):
            if not all(w in CONNECTIVES for w in run):
                for other in by_words.get(run, ()):
                    inside.setdefault(other.id, []).append((other, actor))
    for found in inside.values():
        for short, long in found:
            # "Kestrel" and "Kestrel Motors": a business's name and its short form, whatever
            # types the two were given. Otherwise the short name must fit one longer name
            # alone ("Velmoran" in four agencies is the country's name, not theirs) and a
            # type the longer could have ("Marrenland", a government, is not its football
            # association).
            company = is_company_name(long.name) and long.words[: len(short.words)] == short.words
            if company or (len(found) == 1 and _compatible(short, long)):
                yield short, long, f"{short.name} is written inside {long.name}"
    for same in by_words.values():  # "U.S. Steel" and "US Steel": the same words
        for i, a in enumerate(same):
            for b in same[i + 1 :]:
                yield a, b, f"{a.name} and {b.name} are the same words"


def _surnames(actors: list[_Actor]) -> Iterator[tuple[_Actor, _Actor, str]]:
    persons: dict[str, list[_Actor]] = {}  # surname -> the persons of that surname
    for actor in actors:
        if actor.type == PERSON and actor.words and actor.words[-1].isalpha() and len(actor.words[-1]) > 1:
            persons.setdefault(actor.words[-1], []).append(actor)
    for group in persons.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                yield a, b, f"both persons are surnamed {a.name.split()[-1].strip(_EDGES)}"
    for actor in actors:  # a surname alone, whatever type it was given: "Brandvik", "Otto Brandvik"
        if len(actor.words) == 1 and actor.type != PERSON:
            for person in persons.get(actor.words[0], ()):
                if len(person.words) > 1:
                    yield actor, person, f"{actor.name} is the surname of {person.name}"


def _canonical_first(a: _Actor, b: _Actor) -> tuple[_Actor, _Actor]:
    """(the name to keep, the name to merge into it): the fuller name, then the one more often
    mentioned, then the first in alphabetical order. A name the alias file would clean
    ("Apple Inc." is read as "Apple") is never kept, or the row would merge nothing."""

    def rank(actor: _Actor) -> tuple:
        return (clean_name(actor.name) == actor.name, len(actor.words), actor.mentions, len(actor.name))

    if rank(a) == rank(b):
        return (a, b) if a.name <= b.name else (b, a)
    return (a, b) if rank(a) > rank(b) else (b, a)


def alias_row(alias: str, canonical: str) -> str:
    """The alias-file line merging ``alias`` into ``canonical``, quoted as CSV needs.

    >>> alias_row("Helix", "Helix Robotics"), alias_row("Acme", "Acme, Ltd")
    ('Helix,Helix Robotics', 'Acme,"Acme, Ltd"')
    """
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([alias, canonical])
    return out.getvalue()


def find_duplicates(kg: KnowledgeGraph, *, search: str | None = None, type_: str | None = None) -> list[Row]:
    """Pairs of actors that may be one: the same acronym (one's initials are the other's
    name or alias), one name written inside the other at word boundaries, or two persons
    of the same surname. Each row says which name to merge into which, why, and the row to
    write to the alias file; most mentioned pairs first. ``search`` and ``type_`` keep the
    pairs where either actor matches, as in ``list_actors``.

    >>> from graphbuild.types import Node
    >>> kg = KnowledgeGraph()
    >>> for i, name in enumerate(["Helix", "Helix Robotics", "Orbital"]):
    ...     kg.nodes[str(i)] = Node(str(i), name, "organization")
    >>> [(r["alias"], r["canonical"], r["reason"], r["row"]) for r in find_duplicates(kg)]
    [('Helix', 'Helix Robotics', 'Helix is written inside Helix Robotics', 'Helix,Helix Robotics')]
    """
    _, mentions = actor_counts(kg)
    type_ = check_type(type_)
    actors = [
        _Actor(n.id, n.name, n.type, tuple(n.aliases), mentions.get(n.id, 0), _words(n.name))
        for n in sorted(kg.nodes.values(), key=lambda n: (n.name, n.id))
    ]
    pairs: dict[frozenset[str], tuple[_Actor, _Actor, list[str]]] = {}
    for finder in (_acronyms, _within, _surnames):
        for a, b, reason in finder(actors):
            if a.id == b.id:
                continue
            keep, merge = _canonical_first(a, b)
            _, _, reasons = pairs.setdefault(frozenset((a.id, b.id)), (keep, merge, []))
            if reason not in reasons:
                reasons.append(reason)
    folded = search.casefold() if search else None

    def wanted(actor: _Actor) -> bool:
        named = folded is None or any(folded in s.casefold() for s in (actor.name, *actor.aliases))
        return named and (type_ is None or actor.type == type_)

    rows = [
        (
            keep.mentions + merge.mentions,
            {
                "alias": merge.name,
                "canonical": keep.name,
                "reason": "; ".join(reasons),
                "row": alias_row(merge.name, keep.name),
            },
        )
        for keep, merge, reasons in pairs.values()
        if wanted(keep) or wanted(merge)
    ]
    rows.sort(key=lambda pair: (-pair[0], pair[1]["canonical"], pair[1]["alias"]))
    return [row for _, row in rows]
