"""Acting jointly: partners named beside the one who acts.

- ``joint``: "Chile, together with Peru, sued Bolivia", "the US, in conjunction with Canada,
  took a stake in GM", "France, alongside Britain, bombed Libya" — the partners cooperate
  with each other (and each of them stands in the clause's relation: see
  ``arguments.co_agents``).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.grammar.arguments import actors
from graphbuild.grammar.clauses import joint_preps, partner_actors
from graphbuild.grammar.registry import CONFIDENCE_CHAINED, Context, Frame, rule
from graphbuild.grammar.syntax import SUBJECT_DEPS, children, is_passive, is_verbal, written


@rule("joint", on=is_verbal)
def joint(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "Chile, together with Peru, sued Bolivia": Chile and Peru act together."""
    subject_tokens = children(verb, SUBJECT_DEPS)
    if is_passive(verb) or not subject_tokens:
        return  # "an iPod, made by Apple and marketed alongside iTunes": no one acts with Apple
    index = ctx.index
    for host in (verb, *subject_tokens):
        for prep in joint_preps(host):
            partners = partner_actors(prep, index)
            who = [a for t in subject_tokens for a in actors(t, index)]
            named = {a.text for a in partners}
            who = [a for a in who if a.text not in named]
            if not partners or not who:
                continue
            yield Frame(
                "COLLABORATES_WITH",
                who,
                partners,
                written([prep]),
                "joint",
                verb,
                [],
                subject_tokens,
                CONFIDENCE_CHAINED,
                trigger=prep.lower_,
            )
