"""Canonical actor names, types and relation attributes: RawTriple -> Triple.

Names are made canonical per article first (a surname to the full name written earlier, an
acronym to the long form the text defines, titles and corporate suffixes dropped), then
across articles through a few well-known variants and the user's alias file. Each step
that changes a name is recorded, so ``normalize_extraction`` can say what it changed.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from graphbuild.errors import AliasFileError
from graphbuild.grammar.lexicon import (
    COMPANY_HEADS,
    CORPORATE_SUFFIXES,
    DEMONYMS,
    LEADING_WORDS,
    ORGANISATIONS,
    TITLES,
    TRADE_WORDS,
    TRAILING_TITLES,
    WELL_KNOWN,
    government_of,
)
from graphbuild.grammar.names import MAX_NAME_CHARS, abbreviates, is_acronym, is_name_length
from graphbuild.types import Article, Extraction, Mention, Node, RawTriple, Triple
from graphbuild.vocab import ACTOR_TYPES, COMPANY, ORGANIZATION, RELATIONS, UNKNOWN_TYPE

STATES = frozenset(DEMONYMS.values())
# Relations whose target is addressed, never reached: CAMEO's verbal cooperation (01-05) and
# verbal conflict (09-12). Their target capital is its government ("accused Washington"); a
# material act's target may be the city itself ("blockaded Paris", "shelled Kyiv"), and so
# may a threat's, which names the act ("threatened a curfew in Algiers").
ADDRESSED = frozenset(
    r.name for r in RELATIONS.values() if r.cameo[:2] in {"01", "02", "03", "04", "05", "09", "10", "11", "12"}
)


def is_company_name(name: str) -> bool:
    """A name whose last word is a corporate suffix or a business's line of trade.

    >>> is_company_name("Apple Inc."), is_company_name("Helix Robotics"), is_company_name("Apple")
    (True, True, False)
    """
    words = name.replace(",", " ").split()
    return len(words) > 1 and (words[-1].lower() in CORPORATE_SUFFIXES or words[-1].lower() in COMPANY_HEADS)


@dataclass(frozen=True, slots=True)
class NameChange:
    """One name made canonical, and the rule that did it."""

    article: str
    written: str
    canonical: str
    rule: str


def clean_name(text: str) -> str:
    """Strip quotes, possessives, leading articles and corporate suffixes.

    >>> clean_name("the Apple Inc.'s")
    'Apple'
    """
    text = text.replace("’", "'").replace("‘", "'").strip(" \t\n\"'“”,;:")
    text = re.sub(r"'s$|'$", "", text).strip()
    words = text.split()
    while words and words[0].lower() in LEADING_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower().rstrip(",") in CORPORATE_SUFFIXES:
        words = words[:-1]
    if words:
        words[-1] = words[-1].rstrip(",")
    return " ".join(words)


def _same_business(name: str) -> bool:
    """Whether a short name written alone may stand for ``name``: only when the words after
    its first say what trade it is in ("Cisco Systems", "Ford Motor", "Apple Computer"), never
    when they name something else ("Apple Corps", "Apple TV", "Boeing Executive", "Airbus
    A350")."""
    rest = [w.lower().rstrip(".,") for w in name.split()[1:]]
    return bool(rest) and all(w in COMPANY_HEADS or w in CORPORATE_SUFFIXES or w in TRADE_WORDS for w in rest)


def _without_trailing_title(name: str) -> str:
    """ "Boeing Executive" is Boeing: a person's title the model took into the name."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in TRAILING_TITLES:
        words = words[:-1]
    return " ".join(words)


def _strip_title(name: str) -> str:
    words = name.split()
    while len(words) > 2 and words[0].lower() in TITLES:
        words = words[1:]
    return " ".join(words)


def read_aliases(path: str | Path) -> dict[str, str]:
    """Read an alias file: CSV rows ``alias,canonical`` (a header row is allowed).

    Raises:
        AliasFileError: the file cannot be read or a row lacks either column.
    """
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError) as e:
        raise AliasFileError(
            f"Can't read alias file {str(path)!r}: {e}. Give a UTF-8 CSV file of alias,canonical rows."
        ) from e
    aliases: dict[str, str] = {}
    for n, row in enumerate(rows, start=1):
        if not row or all(not c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if n == 1 and [c.strip().lower() for c in row[:2]] == ["alias", "canonical"]:
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise AliasFileError(
                f"{path}:{n}: expected two columns alias,canonical, got {row!r}. Fix or delete that row."
            )
        if not is_name_length(clean_name(row[1])):
            raise AliasFileError(
                f"{path}:{n}: the canonical name has {len(clean_name(row[1])):,} characters; a name has at most "
                f"{MAX_NAME_CHARS}. Shorten it or delete that row."
            )
        aliases[clean_name(row[0]).casefold()] = clean_name(row[1])
    return aliases


# Bump when the rules that resolve names change (a new well-known variant, another way of
# tying a surname to a full name): every article's load key changes, so a load after the
# upgrade takes each article back and adds it again under the names the new rules give.
NAME_RULES_VERSION = "1"


def names_digest(aliases: Mapping[str, str] | None = None) -> str:
    """A digest of what decides actor names besides the text: the alias table and
    ``NAME_RULES_VERSION``. It is part of each article's load key, so loading with another
    alias file replaces what each article contributed under the old names.

    >>> names_digest({"helix": "Helix Robotics"}) == names_digest({"helix": "Helix Robotics"})
    True
    >>> names_digest({}) == names_digest({"helix": "Helix Robotics"})
    False
    """
    rows = "\n".join(f"{alias}\t{canonical}" for alias, canonical in sorted((aliases or {}).items()))
    return hashlib.sha1(f"{NAME_RULES_VERSION}\n{rows}".encode()).hexdigest()


class Normalizer:
    """Maps written actor names to canonical names, article by article.

    Args:
        aliases: cleaned alias (case-folded) -> canonical name, as ``read_aliases`` returns.
    """

    def __init__(self, aliases: Mapping[str, str] | None = None) -> None:
        self.aliases = dict(aliases or {})

    def article_names(self, extraction: Extraction) -> tuple[dict[str, str], dict[str, str], list[NameChange]]:
        """Canonical name and type for every actor name written in one article."""
        article = extraction.article.id
        mentions = list(extraction.mentions)
        acronyms = {short: clean_name(long) for short, long in extraction.acronyms}
        cleaned = {m.text: clean_name(m.text) or m.text for m in mentions}
        for t in extraction.triples:
            for m in (t.subject, t.object):
                cleaned.setdefault(m.text, clean_name(m.text) or m.text)
        labels: dict[str, Counter[str]] = {}
        for m in mentions:
            labels.setdefault(cleaned[m.text], Counter())[m.label] += 1
        persons = [n for n, c in labels.items() if c.most_common(1)[0][0] == "PERSON" and len(n.split()) > 1]
        orgs = [n for n, c in labels.items() if c.most_common(1)[0][0] in {"ORG", "GPE"} and len(n.split()) > 1]
        names: dict[str, str] = {}
        changes: list[NameChange] = []
        for written, name in sorted(cleaned.items()):
            canonical, rule = name, "clean" if name != written else ""
            if name in acronyms:
                canonical, rule = acronyms[name], "acronym"
            else:
                label = labels.get(name, Counter()).most_common(1)[0][0] if name in labels else ""
                if label == "ORG" and _without_trailing_title(name) != name:
                    canonical, rule = _without_trailing_title(name), "title"
                if label == "PERSON" or not label:
                    titled = _strip_title(name)
                    if titled != name:
                        canonical, rule = titled, "title"
                if len(canonical.split()) == 1:
                    full = [p for p in persons if _strip_title(p).split()[-1] == canonical]
                    # "Harlow" after "John Harlow", whatever the model took it for; not a state
                    if len({_strip_title(p) for p in full}) == 1 and canonical not in STATES:
                        canonical, rule = _strip_title(full[0]), "surname"
                    longer = [o for o in orgs if o.split()[0] == canonical and _same_business(o)]
                    if len(longer) == 1 and rule != "surname":  # "Ford" read as a person, and "Ford Motor"
                        canonical, rule = longer[0], "short-name"
            known = WELL_KNOWN.get(canonical.casefold())
            if known:
                canonical, rule = known, "well-known"
            alias = self.aliases.get(canonical.casefold()) or self.aliases.get(written.casefold())
            if alias:
                canonical, rule = alias, "alias-file"
            names[written] = canonical
            if canonical != written:
                changes.append(NameChange(article, written, canonical, rule))
        types: dict[str, str] = {}
        votes: dict[str, Counter[str]] = {}
        for m in mentions:
            votes.setdefault(names[m.text], Counter())[m.label] += 1
        for t in extraction.triples:
            for m in (t.subject, t.object):
                votes.setdefault(names[m.text], Counter())[m.label] += 0
        businesses = {names[w] for w in names if is_company_name(w) or is_company_name(names[w])}
        for canonical, counter in votes.items():
            label = counter.most_common(1)[0][0] if counter else ""
            types[canonical] = ACTOR_TYPES.get(label, UNKNOWN_TYPE)
            if types[canonical] == ORGANIZATION and canonical in businesses:
                types[canonical] = COMPANY
        return names, types, changes

    def normalize(self, extraction: Extraction) -> tuple[list[Triple], list[NameChange]]:
        """Turn one article's raw triples into canonical triples."""
        names, types, changes = self.article_names(extraction)
        article = extraction.article
        aliased = {c.written for c in changes if c.rule == "alias-file"}
        triples = []
        for raw in extraction.triples:
            subject = self._government(raw.subject, names, aliased)
            obj = self._government(raw.object, names, aliased) if raw.relation in ADDRESSED else None
            said_by = ", ".join(self._speaker(name, aliased) for name in raw.attribution.split(", ") if name)
            for mention, state in ((raw.subject, subject), (raw.object, obj)):
                if state:
                    types.setdefault(state, ORGANIZATION if state in ORGANISATIONS else ACTOR_TYPES["GPE"])
                    change = NameChange(article.id, mention.text, state, "capital")
                    if change not in changes:
                        changes.append(change)
            triple = replace(_to_triple(raw, names, types, article.date), attribution=said_by)
            if subject:
                triple = replace(triple, subject=subject, subject_type=types[subject])
            if obj:
                triple = replace(triple, object=obj, object_type=types[obj])
            triples.append(triple)
        # a name made from one too long to be a name (an acronym's long form) is none either
        named = [t for t in triples if is_name_length(t.subject) and is_name_length(t.object)]
        return [t for t in named if t.subject != t.object], changes

    def _government(self, mention: Mention, names: Mapping[str, str], aliased: set[str]) -> str | None:
        """The state a capital named as an actor stands for: "Moscow rejected the plan" is
        Russia's act. Only who acts, speaks or is addressed is asked, so a capital that locates
        something ("talks in Geneva", "a Moscow office") stays a place; a person's name
        ("Washington" the surname) and a name the alias file gives stay as they are."""
        if mention.label == "PERSON" or mention.text in aliased:
            return None
        return government_of(names.get(mention.text, mention.text))

    def _speaker(self, name: str, aliased: set[str]) -> str:
        """A speaker is an actor too: "..., Moscow said" is Russia speaking."""
        if name in aliased or name.casefold() in self.aliases:
            return name
        return government_of(name) or name


def _to_triple(raw: RawTriple, names: dict[str, str], types: dict[str, str], date: str | None) -> Triple:
    relation = RELATIONS[raw.relation]
    subject, obj = names[raw.subject.text], names[raw.object.text]
    return Triple(
        article=raw.article_id,
        subject=subject,
        subject_type=types.get(subject, UNKNOWN_TYPE),
        object=obj,
        object_type=types.get(obj, UNKNOWN_TYPE),
        relation=raw.relation,
        verb=raw.verb,
        polarity=relation.polarity,
        intensity=relation.intensity,
        negated=raw.negated,
        modality=raw.modality,
        confidence=raw.confidence,
        sentence=raw.sentence,
        sentence_start=raw.sentence_start,
        sentence_end=raw.sentence_end,
        subject_start=raw.subject.start,
        subject_end=raw.subject.end,
        object_start=raw.object.start,
        object_end=raw.object.end,
        subject_text=raw.subject.text,
        object_text=raw.object.text,
        rule=raw.rule,
        date=date,
        attribution=raw.attribution,
        section=raw.section,
    )


def normalize_extractions(
    extractions: Iterable[Extraction], *, aliases: Mapping[str, str] | None = None
) -> Iterable[tuple[Extraction, list[Triple], list[NameChange]]]:
    """Normalize a stream of extractions, one article at a time."""
    normalizer = Normalizer(aliases)
    for extraction in extractions:
        triples, changes = normalizer.normalize(extraction)
        yield extraction, triples, changes


# -- across the articles of a load ----------------------------------------------------------------


def defined_acronyms(triples: Iterable[Triple]) -> dict[str, str]:
    """Acronyms that articles resolved to a long form they define: written "EADS", named
    "European Aeronautic Defence & Space". An acronym two articles define differently is left
    out."""
    found: dict[str, set[str]] = {}
    for t in triples:
        for name, written in ((t.subject, t.subject_text), (t.object, t.object_text)):
            if is_acronym(written) and name != written and abbreviates(written, name):
                found.setdefault(written, set()).add(name)
    return {short: next(iter(longs)) for short, longs in found.items() if len(longs) == 1}


def resolve_across(
    pairs: Sequence[tuple[Article, list[Triple]]], known: Mapping[str, str] | None = None
) -> list[tuple[Article, list[Triple]]]:
    """Resolve names across the articles of one load: an acronym one article leaves bare
    takes the long form another defines, and each actor takes the type most of its mentions
    give it ("Cisco" read once as a place is still an organisation).

    ``known`` holds acronyms the graph already resolved (alias -> name); those the articles
    define win. Order does not matter within one load; an acronym left bare by an earlier load
    and defined by a later one stays apart (``graphbuild actors --duplicates`` lists it).
    """
    table = {**(known or {}), **defined_acronyms(t for _, triples in pairs for t in triples)}
    renamed = [(article, [_renamed(t, table) for t in triples]) for article, triples in pairs]
    votes: dict[str, Counter[str]] = {}
    for _, triples in renamed:
        for t in triples:
            votes.setdefault(t.subject, Counter())[t.subject_type] += 1
            votes.setdefault(t.object, Counter())[t.object_type] += 1
    types = {name: _majority(counter) for name, counter in votes.items()}

    def typed(t: Triple) -> Triple:
        subject_type, object_type = types[t.subject], types[t.object]
        if (subject_type, object_type) == (t.subject_type, t.object_type):
            return t
        return replace(t, subject_type=subject_type, object_type=object_type)

    return [(article, [typed(t) for t in triples]) for article, triples in renamed]


def _renamed(t: Triple, table: Mapping[str, str]) -> Triple:
    subject, obj = table.get(t.subject, t.subject), table.get(t.object, t.object)
    if (subject, obj) == (t.subject, t.object) or subject == obj:
        return t
    return replace(t, subject=subject, object=obj)


def _majority(counter: Counter[str]) -> str:
    """The type most mentions give, an unknown type never winning over a known one, a company
    over an organisation (the name showed it a business somewhere), ties by name."""
    known = Counter({t: n for t, n in counter.items() if t != UNKNOWN_TYPE}) or counter
    if COMPANY in known and ORGANIZATION in known:
        known[COMPANY] += known.pop(ORGANIZATION)
    return min(known, key=lambda t: (-known[t], t))


def acronym_aliases(nodes: Iterable[Node]) -> dict[str, str]:
    """The acronyms the graph already ties to a long name: alias -> name ("EADS" ->
    "European Aeronautic Defence & Space"), for ``resolve_across``."""
    found: dict[str, set[str]] = {}
    for node in nodes:
        for alias in node.aliases:
            if is_acronym(alias) and abbreviates(alias, node.name) and alias != node.name:
                found.setdefault(alias, set()).add(node.name)
    return {short: next(iter(names)) for short, names in found.items() if len(names) == 1}
