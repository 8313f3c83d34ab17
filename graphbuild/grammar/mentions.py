"""Actor mentions in one parsed article: named entities, repaired, and what refers to them.

The small English model misses names it found a sentence earlier, splits types ("Spotify"
as ORG here, GPE there) and tags acronyms of common nouns ("artificial intelligence (AI)")
as organisations. ``build_index`` repairs that at the level of the article (one name, one
type, everywhere it is written: ``entities``) and resolves pronouns, "the two" and "the
company" to the actors they stand for (``references``). ``ActorIndex`` maps token positions
to ``Mention`` records; the grammar asks it "which actors does this token name?".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from graphbuild.grammar.entities import (
    article_demonyms,
    clean_entities,
    clean_text,
    dateline_chars,
    find_acronyms,
    parenthetical_abbreviations,
    propagate_names,
    vote_labels,
)
from graphbuild.grammar.groups import find_groups
from graphbuild.grammar.lexicon import NOT_ACTORS, country_of
from graphbuild.grammar.names import is_name_length
from graphbuild.grammar.references import resolve_references
from graphbuild.types import Mention


@dataclass(slots=True)
class ActorIndex:
    """Which actors each token of a Doc names (directly or by reference)."""

    doc: Doc
    names: dict[int, Mention] = field(default_factory=dict)  # token i -> named actor
    spans: list[tuple[int, int, Mention]] = field(default_factory=list)  # named actor spans
    refs: dict[int, list[Mention]] = field(default_factory=dict)  # token i -> referents
    acronyms: dict[str, str] = field(default_factory=dict)  # short -> long form
    generic: set[str] = field(default_factory=set)  # acronyms of common nouns
    alternates: dict[int, list[Mention]] = field(default_factory=dict)  # token i -> next candidates
    demonyms: dict[str, str] = field(default_factory=dict)  # nationality adjectives the article ties to a state
    kinds: dict[int, str | None] = field(default_factory=dict)  # token i -> agent kind (groups)
    # (number of spans it was built from, by mention start, by span start, by span end)
    _lookup: tuple[int, dict, dict, dict] | None = field(default=None, repr=False, compare=False)

    def named(self, token: Token) -> Mention | None:
        return self.names.get(token.i)

    def referents(self, token: Token) -> list[Mention]:
        return self.refs.get(token.i, [])

    def actors_at(self, token: Token) -> list[Mention]:
        """The actors a token names: its own name, or what it refers to."""
        named = self.names.get(token.i)
        if named is not None:
            return [named]
        return self.refs.get(token.i, [])

    def coordinated(self, mention: Mention) -> list[Mention]:
        """The named actors joined to ``mention`` by "and" or commas in the text, itself
        included, in text order: "Meta and Spotify", however the parser attached them."""
        if self._lookup is None or self._lookup[0] != len(self.spans):  # spans only grow
            self._lookup = (
                len(self.spans),
                {m.start: (s, e) for s, e, m in self.spans},
                {s: m for s, _, m in self.spans},
                {e: m for _, e, m in self.spans},
            )
        _, where, starts, ends = self._lookup
        if mention.start not in where:
            return [mention]
        start, end = where[mention.start]
        group = [mention]
        i = start
        while i >= 2 and self.doc[i - 1].lower_ in {"and", ","} and not self.doc[i - 1].is_sent_start:
            j = i - 1
            if self.doc[j].lower_ == "and" and self.doc[j - 1].text == ",":
                j -= 1
            left = ends.get(j)
            if left is None or left.label != mention.label:
                break
            group.insert(0, left)
            i = where[left.start][0]
        i = end
        while i + 1 < len(self.doc) and self.doc[i].lower_ in {"and", ","}:
            j = i + 1
            if self.doc[i].text == "," and self.doc[j].lower_ == "and":
                j += 1
            right = starts.get(j)
            if right is None or right.label != mention.label:
                break
            group.append(right)
            i = where[right.start][1]
        return group

    def country_of(self, adjective: str) -> str | None:
        """The state a nationality adjective stands for, from the lexicon or the article."""
        return country_of(adjective) or self.demonyms.get(adjective)

    def relabel(self, text: str, label: str) -> None:
        """Give every mention of the name ``text`` the entity label ``label``."""
        for n, (start, end, mention) in enumerate(self.spans):
            if mention.text == text and mention.label != label:
                relabelled = replace(mention, label=label)
                self.spans[n] = (start, end, relabelled)
                for i in range(start, end):
                    self.names[i] = relabelled
        self._lookup = None

    def add_span(self, start: int, end: int, mention: Mention) -> None:
        """Name tokens ``start`` to ``end`` ``mention``, in place of the names and references
        inside: "Afghan civilians" takes in "Afghan"."""
        self.spans[:] = sorted(
            [s for s in self.spans if not (start <= s[0] and s[1] <= end)] + [(start, end, mention)],
            key=lambda s: s[0],
        )
        self._lookup = None
        for i in range(start, end):
            self.names[i] = mention
            self.refs.pop(i, None)
            self.alternates.pop(i, None)

    def mentions(self) -> list[Mention]:
        """Every named actor mention, in text order."""
        return [m for _, _, m in self.spans]


def build_index(doc: Doc) -> ActorIndex:
    """Find, repair and resolve the actor mentions of one parsed article."""
    index = ActorIndex(doc)
    find_acronyms(doc, index)
    spans = clean_entities(doc, index)
    spans = propagate_names(doc, spans, index)
    labels = vote_labels(spans)
    datelines = dateline_chars(doc)
    for span in spans:
        text = clean_text(span)
        label = labels.get(text, span.label_)
        if text.lower() in NOT_ACTORS or text in index.generic or not is_name_length(text):
            continue
        if any(start <= span.start_char < end for start, end in datelines):
            continue  # "BRENNIK, Osteria - ...": where the report was filed
        mention = Mention(text=text, label=label, start=span.start_char, end=span.end_char)
        index.spans.append((span.start, span.end, mention))
        for i in range(span.start, span.end):
            index.names[i] = mention
    parenthetical_abbreviations(doc, index)
    index.demonyms = article_demonyms(index.mentions())
    for adjective, state in index.demonyms.items():  # "Sorenzan" is a nationality, "Sorenza" a state
        index.relabel(adjective, "NORP")
        index.relabel(state, "GPE")
    find_groups(doc, index, definite=False)
    resolve_references(doc, index)
    find_groups(doc, index, definite=True)
    return index
