"""Labels that accuse: "called Apple's plan a farce", "named the PKK as terrorists", "found
Morales guilty", "held Chile liable".

A verb that gives its object a name (``label_verbs``) accuses the object when the name is
damning (``negative_labels``). A verb that labels is read only as labelling: "calls the PKK a
terrorist group" does not phone.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.grammar.arguments import actors
from graphbuild.grammar.lexicon import LABEL_VERBS, NEGATIVE_LABELS
from graphbuild.grammar.readings import read_verb
from graphbuild.grammar.registry import Context, Frame, rule
from graphbuild.grammar.syntax import children, is_verbal, lemma_of, written
from graphbuild.nlp import token_lemma


def label_frames(verb: Token, ctx: Context) -> list[Frame]:
    """The accusations a label verb makes, worked out once per verb."""
    if lemma_of(verb) not in LABEL_VERBS:
        return []
    found: list[Frame] = ctx.reading("label", verb, _read_labels)
    return found


def _read_labels(verb: Token, ctx: Context) -> list[Frame]:
    index = ctx.index
    objects = children(verb, {"dobj", "dative"})
    labels = children(verb, {"oprd", "attr", "xcomp", "ccomp"}) + objects[1:]
    if not objects:
        # the parse made the object a clause: "called [Google's offer [a farce]]"
        for comp in children(verb, {"ccomp", "xcomp"}):
            if comp.pos_ in {"NOUN", "PROPN"}:
                objects, labels = [comp], children(comp, {"dobj", "attr", "oprd", "appos"})
            elif comp.pos_ in {"ADJ", "AUX"} and children(comp, {"nsubj"}):
                # a small clause: "found [Morales guilty]", "found [the decree to be unlawful]"
                objects = children(comp, {"nsubj"})
                labels = [comp] if comp.pos_ == "ADJ" else children(comp, {"acomp", "attr"})
    for prep in children(verb, {"prep"}):
        if prep.lower_ == "as":
            labels += children(prep, {"pobj"})
    if objects:  # "calls the PKK a terrorist group", parsed as an apposition
        labels += [c for c in objects[0].children if c.dep_ == "appos" and not index.actors_at(c)]
    words = {token_lemma(w).lower() for label in labels for w in label.subtree} | {
        w.lower_ for label in labels for w in label.subtree
    }
    if not objects or not words & NEGATIVE_LABELS:
        return []
    reading = read_verb(verb, ctx)
    return [
        Frame(
            "ACCUSES",
            reading.actors,
            actors(objects[0], index),
            written([verb, *labels]),
            "label",
            verb,
            reading.clause.chain,
            reading.subject_tokens,
            reading.confidence,
            trigger=reading.lemma,
        )
    ]


@rule("label", on=is_verbal)
def label(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "called Apple's plan a farce", "named the PKK as terrorists": a label that accuses."""
    yield from label_frames(verb, ctx)
