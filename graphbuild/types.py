"""Domain records shared by every stage.

All records are frozen, slotted dataclasses of plain values: no spaCy object survives
extraction, so triples serialize, hash and compare without a model.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from input.

    ``title`` is what people see the article as. It is the article's own headline, parsed
    with the text (a headline states links too), when ``headline`` is true; otherwise it
    is a label the reader made (the file's name, or the start of the text) and is not read.
    ``source`` is the publisher a record names, else the file the article was read from.
    ``origin`` says where it came from (``path`` or ``path:line``) for messages only; it is
    not part of the article's identity.
    """

    id: str
    text: str
    title: str = ""
    url: str = ""
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    source: str = ""
    origin: str = ""
    headline: bool = True

    @property
    def headline_text(self) -> str:
        """The headline that is parsed with the text, or '' when there is none."""
        return self.title if self.headline and self.title.strip() else ""


@dataclass(frozen=True, slots=True)
class Problem:
    """A record or file that was skipped (or read with a repair), and why."""

    origin: str  # file path, or "-" for stdin
    line: int | None
    reason: str
    skipped: bool = True  # False: read, but repaired (for example invalid UTF-8 replaced)

    def __str__(self) -> str:
        """One line, whatever the file is called: control characters are escaped (``printable``)."""
        where = self.origin if self.line is None else f"{self.origin}:{self.line}"
        return printable(f"{where}: {self.reason}")


def printable(text: str) -> str:
    r"""``text`` with every character that is not printable escaped as Python writes it, so a
    file name (or any value) holding a line break, an escape sequence or a direction mark
    shows as what it is and never forges a line of its own.

    >>> printable("in/a\nread 0 articles.txt"), printable("Zürich\u202e")
    ('in/a\\nread 0 articles.txt', 'Zürich\\u202e')
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor as it appears in the text: the surface text, its entity label and where it is.

    ``start``/``end`` are character offsets into the article text of the words actually
    written (a pronoun, for a resolved pronoun); ``text`` is the name those words stand for.
    """

    text: str
    label: str
    start: int
    end: int
    surface: str = ""  # the words as written when they differ from ``text`` ("it", "the two")


@dataclass(frozen=True, slots=True)
class RawTriple:
    """What the grammar read from one sentence, before names are made canonical."""

    article_id: str
    subject: Mention
    object: Mention
    relation: str  # a name from graphbuild.vocab.RELATIONS
    verb: str  # the predicate as written ("agreed to criticize", "filed a lawsuit against")
    negated: bool
    modality: str  # "asserted", "hypothetical", "planned", "reported"
    sentence: str
    sentence_start: int
    sentence_end: int
    rule: str  # the name of the grammar rule that fired
    confidence: float
    attribution: str = ""  # who is reported to have said it, when the sentence says so
    section: str = "body"  # "title" or "body": what the offsets count into


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction learned from one article.

    ``mentions`` lists every named actor in the text (not only those in triples), so that
    normalization can tie a surname or an acronym to the full name written elsewhere.
    """

    article: Article
    triples: tuple[RawTriple, ...]
    mentions: tuple[Mention, ...]
    acronyms: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Triple:
    """A normalized (actor, relation, target) triple with its provenance."""

    article: str
    subject: str
    subject_type: str
    object: str
    object_type: str
    relation: str
    verb: str
    polarity: str
    intensity: float
    negated: bool
    modality: str
    confidence: float
    sentence: str
    sentence_start: int
    sentence_end: int
    subject_start: int
    subject_end: int
    object_start: int
    object_end: int
    subject_text: str  # the name as the article writes it, before it was made canonical
    object_text: str
    rule: str
    date: str | None = None
    attribution: str = ""
    section: str = "body"  # "title" or "body": what the offsets count into

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence that supports an edge."""

    article: str
    sentence: str
    sentence_start: int
    sentence_end: int
    subject_start: int
    subject_end: int
    object_start: int
    object_end: int
    verb: str
    rule: str
    date: str | None = None
    modality: str = "asserted"
    attribution: str = ""
    section: str = "body"
    # this sentence's own confidence: a link's is the highest of its evidence, so it can be
    # worked out again when an article's evidence is taken away
    confidence: float = 0.0

    @property
    def key(self) -> tuple[str, str, int, int, int]:
        """What makes two pieces of evidence the same: the same words in the same article."""
        return (self.article, self.section, self.sentence_start, self.subject_start, self.object_start)


# The evidence record's fields, in order: the embedded file's evidence objects, the Neo4j
# evidence_* lists and the README's field table all follow this one definition.
EVIDENCE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Evidence))


@dataclass(frozen=True, slots=True)
class Node:
    """A canonical actor."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    # (alias, article) for every article that wrote the actor under that alias: a wrong merge
    # is traced to its article, and an article loaded again takes back only its own aliases
    alias_articles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Edge:
    """All mentions of one (actor, relation type, target, negated) link, aggregated."""

    id: str
    source: str  # node id
    target: str  # node id
    relation: str
    polarity: str
    negated: bool
    intensity: float
    confidence: float
    count: int
    first_seen: str | None
    last_seen: str | None
    evidence: tuple[Evidence, ...] = field(default=())
