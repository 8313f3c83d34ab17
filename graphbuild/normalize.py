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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from graphbuild.errors import AliasFileError
from graphbuild.grammar.lexicon import COMPANY_HEADS, CORPORATE_SUFFIXES, LEADING_WORDS, TITLES, WELL_KNOWN
from graphbuild.types import Extraction, RawTriple, Triple
from graphbuild.vocab import ACTOR_TYPES, COMPANY, ORGANIZATION, RELATIONS, UNKNOWN_TYPE


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
                if label == "PERSON" or not label:
                    titled = _strip_title(name)
                    if titled != name:
                        canonical, rule = titled, "title"
                if len(canonical.split()) == 1:
                    full = [p for p in persons if _strip_title(p).split()[-1] == canonical]
                    if label in {"PERSON", ""} and len({_strip_title(p) for p in full}) == 1:
                        canonical, rule = _strip_title(full[0]), "surname"
                    longer = [o for o in orgs if o.split()[0] == canonical]
                    if label in {"ORG", ""} and len(longer) == 1 and rule != "surname":
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
        triples = [_to_triple(t, names, types, article.date) for t in extraction.triples]
        return [t for t in triples if t.subject != t.object], changes


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
