"""Adjectives and participles after a copula: "X is opposed to Y", "X is critical of Y".

The adjective's subject is the actor even where the form looks passive ("Meta and Spotify
are united against Apple"); the target is the object of its preposition.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.grammar.arguments import children_actors, pobj_actors
from graphbuild.grammar.clauses import subjects
from graphbuild.grammar.lexicon import ADJECTIVE_PHRASES
from graphbuild.grammar.registry import CONFIDENCE_DIRECT, Context, Frame, rule
from graphbuild.grammar.syntax import ANY_SUBJECT_DEPS, CHAIN_DEPS, children, written

# What an adjective of the lexicon can be tagged, and how it can hang on its copula.
COPULA_POS = frozenset({"ADJ", "VERB", "NOUN"})
COPULA_DEPS = frozenset({"acomp", "attr", "ROOT", "pobj", "amod", "conj"})


@rule("copula")
def copula(token: Token, ctx: Context) -> Iterator[Frame]:
    """ "X is opposed to Y", "X is critical of Y", "X and Y are united against Z"."""
    if token.pos_ not in COPULA_POS or token.dep_ not in COPULA_DEPS:
        return
    index = ctx.index
    for prep in children(token, {"prep"}):
        phrase = f"{token.lower_} {prep.lower_}"
        relation = ADJECTIVE_PHRASES.get(phrase)
        if relation is None:
            continue
        verb = token.head if token.dep_ in {"acomp", "attr"} else token
        if token.dep_ == "pobj":  # "at odds with": the copula governs "at"
            verb = token.head.head
        who = children_actors(verb, ANY_SUBJECT_DEPS, index)
        if not who and verb.dep_ in CHAIN_DEPS:
            who = subjects(verb, index).actors
        yield Frame(
            relation,
            who,
            pobj_actors(prep, index),
            written([verb, token, prep]),
            "copula",
            token,
            [verb] if verb.i != token.i else [],
            children(verb, ANY_SUBJECT_DEPS),
            CONFIDENCE_DIRECT,
            trigger=phrase,
        )
