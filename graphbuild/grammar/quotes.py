"""Quotes and who says them, over as many sentences as a quote runs.

'"We reject the tariffs. We will not trade with Marrenland again," said Ana Ruiz, Osteria's
trade minister.' The speaker is named in the sentence that closes the quote; inside the quote
"we" stands for the speaker's side (the organisation or state named with them, else the
speaker), "I" for the speaker, and every link read there is attributed to the speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from graphbuild.grammar.arguments import actors
from graphbuild.grammar.lexicon import REPORTING_VERBS
from graphbuild.grammar.mentions import ActorIndex
from graphbuild.grammar.syntax import SUBJECT_DEPS, children
from graphbuild.nlp import token_lemma
from graphbuild.types import Mention

OPENING = frozenset({"\u201c", "``"})
CLOSING = frozenset({"\u201d", "''"})
STRAIGHT = frozenset({'"'})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours"})
FIRST_SINGULAR = frozenset({"i", "me", "my"})
# How many tokens a quote may run: a stray mark must not swallow the article.
MAX_QUOTE = 400
# Labels of the actors that speak for a side: "we" is the organisation or state, not the person.
SIDE_LABELS = frozenset({"ORG", "GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class Quote:
    """The tokens ``start`` to ``end`` (exclusive) inside quotation marks, and who says them."""

    start: int
    end: int
    speakers: tuple[Mention, ...]

    def holds(self, i: int) -> bool:
        return self.start <= i < self.end


def _spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges between matching quotation marks: curly pairs, or straight marks taken two
    by two within a paragraph."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for token in doc:
        text = token.text
        if text in OPENING or (text in STRAIGHT and opened is None):
            opened = token.i + 1
        elif (text in CLOSING or text in STRAIGHT) and opened is not None:
            if token.i - opened <= MAX_QUOTE:
                spans.append((opened, token.i))
            opened = None
        if "\n" in token.whitespace_:
            opened = None  # a paragraph ends: an unclosed quote goes no further
    return spans


def _speaker(doc: Doc, start: int, end: int, index: ActorIndex) -> list[Mention]:
    """The subject of the reporting verb of the sentence that closes the quote, outside it:
    '"...," said X', '"...," X said', or 'X said: "..."' before it."""
    closing = doc[end].sent if end < len(doc) else doc[end - 1].sent
    opening = doc[start].sent if start < len(doc) else closing
    candidates = [t for t in closing if not start - 1 <= t.i <= end] + [
        t for t in opening if t.i < start - 1 and t.sent.start != closing.start
    ]
    for verb in candidates:
        if token_lemma(verb) in REPORTING_VERBS:
            found = [a for c in children(verb, SUBJECT_DEPS) for a in actors(c, index)]
            if found:
                return found
    return []


def find_quotes(doc: Doc, index: ActorIndex) -> list[Quote]:
    """Every quotation with its speaker, and "we" and "I" inside it resolved to the speaker."""
    quotes: list[Quote] = []
    for start, end in _spans(doc):
        speakers = _speaker(doc, start, end, index)
        if not speakers and quotes and _next_sentence(doc, quotes[-1].end, start):
            speakers = list(quotes[-1].speakers)  # '"...," said X. "..."': X goes on speaking
        if not speakers:
            continue
        quote = Quote(start, end, tuple(speakers))
        quotes.append(quote)
        side = [m for m in speakers if m.label in SIDE_LABELS] or speakers
        people = [m for m in speakers if m.label == "PERSON"]
        for token in doc[start:end]:
            if token.i in index.names or token.i in index.refs:
                continue
            if token.lower_ in FIRST_PLURAL:
                index.refs[token.i] = _as_reference(side, token)
            elif token.lower_ in FIRST_SINGULAR and people:
                index.refs[token.i] = _as_reference(people[:1], token)
    return quotes


def _next_sentence(doc: Doc, end: int, start: int) -> bool:
    """Whether a quote opening at ``start`` begins the sentence after the one that ended at ``end``."""
    before, after = doc[min(end, len(doc) - 1)].sent, doc[min(start, len(doc) - 1)].sent
    return after.start == before.end or after.start == before.start


def _as_reference(found: list[Mention], token: Token) -> list[Mention]:
    return [replace(m, start=token.idx, end=token.idx + len(token.text), surface=token.text) for m in found]


def speaker_of(quotes: list[Quote], i: int) -> str:
    """Who is quoted at token ``i``, as names joined by commas; '' outside quotes."""
    for quote in quotes:
        if quote.holds(i):
            return ", ".join(dict.fromkeys(m.text for m in quote.speakers))
    return ""
