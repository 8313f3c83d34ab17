"""What only a state does to those in its territory: "PKK is a banned organization in
Turkey", "the party was outlawed in Egypt". Whoever is banned, jailed or sanctioned in a
country, that country's state did it.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.grammar.arguments import actors, agents, children_actors, pobj_actors
from graphbuild.grammar.lexicon import VERB_PHRASES
from graphbuild.grammar.registry import CONFIDENCE_CHAINED, Context, Frame, rule
from graphbuild.grammar.syntax import PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, children, is_passive, lemma_of

# The relations only a state carries out on those in its territory.
STATE_ACTIONS = frozenset({"BANS", "SANCTIONS", "ARRESTS", "EXPELS", "FINES"})


@rule("state-action")
def state_action(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "a banned organization in Turkey", "was outlawed in Egypt": the state did it."""
    relation = VERB_PHRASES.get(lemma_of(verb)) if verb.pos_ in {"VERB", "ADJ"} else None
    if relation not in STATE_ACTIONS:
        return
    index = ctx.index
    if verb.dep_ == "amod":  # "a banned organization in Turkey"
        noun = verb.head
        places = [
            a
            for p in children(noun, {"prep"}) + children(verb, {"prep"})
            if p.lower_ == "in"
            for a in pobj_actors(p, index)
        ]
        targets = actors(noun, index)
        if not targets and noun.dep_ == "attr":
            targets = children_actors(noun.head, SUBJECT_DEPS, index)
    elif is_passive(verb) and not agents(verb, index):  # "was outlawed in Egypt"
        places = [a for p in children(verb, {"prep"}) if p.lower_ == "in" for a in pobj_actors(p, index)]
        targets = children_actors(verb, PASSIVE_SUBJECT_DEPS, index)
    else:
        return
    places = [p for p in places if p.label == "GPE"]
    if places and targets and relation is not None:
        yield Frame(
            relation,
            places,
            targets,
            verb.text,
            "state-action",
            verb,
            [],
            [],
            CONFIDENCE_CHAINED,
            trigger=lemma_of(verb),
        )
