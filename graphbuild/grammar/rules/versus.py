"""Two names set against each other: "Kessler vs. Northwind Energy".

In a sentence about a court or a case it is a lawsuit (SUES), else a contest (COMPETES_WITH).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.grammar.lexicon import LEGAL_WORDS, VERSUS_WORDS
from graphbuild.grammar.registry import CONFIDENCE_CHAINED, Context, Frame, rule
from graphbuild.nlp import token_lemma


@rule("versus")
def versus(token: Token, ctx: Context) -> Iterator[Frame]:
    """ "Kessler vs. Northwind Energy": a case, or a contest."""
    if token.lower_ not in VERSUS_WORDS or token.i == 0 or token.i + 1 >= len(token.doc):
        return
    doc, index = token.doc, ctx.index
    left = index.named(doc[token.i - 1])
    right = index.named(doc[token.i + 1]) or (
        index.named(doc[token.i + 2]) if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "the" else None
    )
    if left is None or right is None:
        return
    legal = any(token_lemma(t).lower() in LEGAL_WORDS for t in token.sent)
    relation = "SUES" if legal else "COMPETES_WITH"
    yield Frame(
        relation, [left], [right], token.text, "versus", token, [], [], CONFIDENCE_CHAINED, trigger=token.lower_
    )
