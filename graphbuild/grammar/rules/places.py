"""Protests held in a place: "students demonstrated in Kelvia", "activists staged a protest in
Kelvia". Where a protest names no one it is against, the named place it is held in is its
target (the event coders' reading: a protest in a country is addressed to its state).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.grammar.arguments import pobj_actors
from graphbuild.grammar.clauses import subjects
from graphbuild.grammar.lexicon import EVENT_NOUNS, PLACE_HEADS, VERB_OBJECTS, VERB_RELATIONS
from graphbuild.grammar.readings import read_verb
from graphbuild.grammar.registry import CONFIDENCE_CHAINED, Context, Frame, rule
from graphbuild.grammar.rules.nouns import governing_verb
from graphbuild.grammar.syntax import ANY_SUBJECT_DEPS, children, is_passive, lemma_of, written
from graphbuild.nlp import token_lemma
from graphbuild.types import Mention

RELATION = "PROTESTS"
PLACE_LABELS = frozenset({"GPE"})
# Prepositions that name whom a protest is against: where one is written, the place is only where.
AGAINST_PREPS = frozenset({"against", "at", "over", "to", "outside"})


def _places(hosts: list[Token], ctx: Context) -> list[Mention]:
    """The named places after "in" on any of ``hosts``; none where one names whom it is against."""
    preps = [p for h in hosts for p in children(h, {"prep"})]
    if any(p.lower_ in AGAINST_PREPS for p in preps):
        return []
    found = [
        a
        for p in preps
        if p.lower_ == "in"
        for a in pobj_actors(p, ctx.index)
        # "in the city of X" insists on the place; a bare capital may stand for its state
        if not any(token_lemma(o).lower() in PLACE_HEADS for o in children(p, {"pobj"}))
    ]
    return [a for a in found if a.label in PLACE_LABELS]


def _protest_verb(verb: Token) -> bool:
    return verb.pos_ == "VERB" and RELATION in VERB_RELATIONS.get(lemma_of(verb), frozenset())


@rule("protest-place")
def protest_place(token: Token, ctx: Context) -> Iterator[Frame]:
    """ "demonstrated in Kelvia", "staged a protest in Kelvia": the protesters protest against
    the place; nothing when the protest names its target ("in Kelvia against Osteria")."""
    if _protest_verb(token) and not children(token, {"dobj"}) and not is_passive(token):
        reading = read_verb(token, ctx)
        places = _places([token], ctx)
        if places:
            yield Frame(
                RELATION,
                reading.actors,
                places,
                written([token]),
                "protest-place",
                token,
                reading.clause.chain,
                reading.subject_tokens,
                CONFIDENCE_CHAINED,
                trigger=reading.lemma,
            )
        return
    lemma = token_lemma(token).lower()
    if token.pos_ != "NOUN" or EVENT_NOUNS.get(lemma, ("", ()))[0] != RELATION:
        return
    light = governing_verb(token)
    if (
        light is None
        or is_passive(light)
        or not any(e.relation == RELATION for e in VERB_OBJECTS.get((lemma_of(light), lemma), ()))
    ):
        return  # "staged a protest", "held a rally": a verb that carries a protest
    places = _places([token, light], ctx)
    if places:
        clause = subjects(light, ctx.index)
        yield Frame(
            RELATION,
            clause.actors,
            places,
            written([light, token]),
            "protest-place",
            token,
            [light, *clause.chain],
            children(light, ANY_SUBJECT_DEPS),
            CONFIDENCE_CHAINED,
            trigger=lemma,
        )
