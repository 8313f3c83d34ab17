"""Acting jointly: partners named beside the one who acts.

- ``joint``: "Chile, together with Peru, sued Bolivia", "the US, in conjunction with Canada,
  took a stake in GM", "France, alongside Britain, bombed Libya" — the partners cooperate
  with each other (and each of them stands in the clause's relation: see
  ``arguments.co_agents``);
- ``with-help``: "recovered the data with the help of X", "built it with support from X",
  "With X's backing, Y bought ..." — X helps (or supports) the one who acts.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.grammar.arguments import actors, children_actors, modifier_actors, pobj_actors
from graphbuild.grammar.clauses import joint_preps, partner_actors, subjects
from graphbuild.grammar.lexicon import EVENT_NOUNS, HELP_NOUNS
from graphbuild.grammar.qualifiers import modality
from graphbuild.grammar.registry import CONFIDENCE_CHAINED, Context, Frame, rule
from graphbuild.grammar.syntax import ANY_SUBJECT_DEPS, SUBJECT_DEPS, children, is_passive, is_verbal, written
from graphbuild.nlp import token_lemma


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


@rule("with-help", on=is_verbal)
def with_help(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "recovered the data with the help of X", "with support from X", "with X's backing": X
    helps the one who acts."""
    index = ctx.index
    for prep in _with_preps(verb):
        for noun in children(prep, {"pobj"}):
            lemma = token_lemma(noun).lower()
            if lemma not in HELP_NOUNS or lemma not in EVENT_NOUNS:
                continue
            helpers = children_actors(noun, {"poss"}, index) + [
                a for c in children(noun, {"compound", "amod", "nmod"}) for a in modifier_actors(c, index)
            ]
            helpers += [
                a for p in children(noun, {"prep"}) if p.lower_ in {"of", "from"} for a in pobj_actors(p, index)
            ]
            clause = subjects(verb, index)
            if modality(verb, clause.chain) != "asserted":
                continue  # "would tighten the blockade with X's help": help only foreseen
            named = {a.text for a in helpers}
            helped = [a for a in clause.actors if a.text not in named]
            if not helpers or not helped:
                continue
            yield Frame(
                EVENT_NOUNS[lemma][0],
                helpers,
                helped,
                written([prep, noun]),
                "with-help",
                verb,
                clause.chain,
                children(verb, ANY_SUBJECT_DEPS),
                CONFIDENCE_CHAINED,
                trigger=lemma,
            )


# Links through which a "with" phrase hung lower down still belongs to the verb: "opened an
# investigation into the ring [with the help of X]" (the parse hangs it on "ring").
_ADJUNCT_DEPS = frozenset({"prep", "pobj", "dobj"})


def _with_preps(verb: Token) -> list[Token]:
    """The "with" phrases of the verb, on it or on its objects and adjuncts."""
    found = []
    for token in verb.subtree:
        if token.dep_ != "prep" or token.lower_ != "with":
            continue
        head = token.head
        while head.i != verb.i and head.dep_ in _ADJUNCT_DEPS:
            head = head.head
        if head.i == verb.i:
            found.append(token)
    return found
