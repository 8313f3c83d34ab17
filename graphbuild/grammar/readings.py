"""A verb's reading: what every verb rule needs to know about one verb, worked out once.

The verb rules (``rules/verbs.py``) and the label rule (``rules/labels.py``) share it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graphbuild.grammar.arguments import agents
from graphbuild.grammar.clauses import Clause, left_group, subjects
from graphbuild.grammar.lexicon import CHAIN_VERBS, NEGATING_VERBS, OBJECT_CONTROL, PLANNING_VERBS
from graphbuild.grammar.registry import CONFIDENCE_CHAINED, CONFIDENCE_DIRECT, CONFIDENCE_SURFACE, Context
from graphbuild.grammar.syntax import ANY_SUBJECT_DEPS, children, is_passive, lemma_of
from graphbuild.nlp import token_lemma
from graphbuild.types import Mention

# Where a verb takes its subject from its own clause, not from the words before it.
NO_SURFACE_DEPS = frozenset({"relcl", "acl", "xcomp", "advcl", "pcomp", "amod", "acomp"})
# Governing verbs named in the predicate as written: "agreed to criticize".
_NAMED_IN_CHAIN = CHAIN_VERBS | OBJECT_CONTROL | NEGATING_VERBS | PLANNING_VERBS


@dataclass(frozen=True, slots=True)
class VerbReading:
    """What every verb rule needs to know about one verb, worked out once."""

    lemma: str
    particle: str  # "up" in "teamed up", "together" in "work together"
    passive: bool
    stative: bool  # a participle that describes ("a banned group"), not an act
    clause: Clause
    actors: list[Mention]  # the clause's actors, or those written before the verb
    subject_tokens: list[Token]
    written_base: list[Token]  # the predicate's words: "agreed to criticize"
    confidence: float
    surface: str  # "-surface" when the actors come from word order

    @property
    def base(self) -> str:
        return f"{self.lemma} {self.particle}".strip()


def read_verb(verb: Token, ctx: Context) -> VerbReading:
    """The verb's reading, worked out on the first call for this verb."""
    found: VerbReading = ctx.reading("verb", verb, _read_verb)
    return found


def _read_verb(verb: Token, ctx: Context) -> VerbReading:
    index = ctx.index
    lemma = lemma_of(verb)
    particle = next(
        (c.lower_ for c in verb.children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ == "together")), ""
    )
    passive = is_passive(verb) and verb.dep_ != "acomp"
    stative = verb.dep_ in {"acomp", "amod"} or (passive and not agents(verb, index))
    clause = subjects(verb, index)
    chain_words = [t for t in clause.chain if token_lemma(t) in _NAMED_IN_CHAIN]
    written_base = [*chain_words, verb] + [
        c for c in verb.children if c.dep_ == "prt" or (c.dep_ == "aux" and c.lower_ == "to" and chain_words)
    ]
    found, confidence, surface = clause.actors, CONFIDENCE_CHAINED if clause.chained else CONFIDENCE_DIRECT, ""
    if not found and not passive and verb.dep_ not in NO_SURFACE_DEPS:
        found = left_group(verb, index)
        if found:
            confidence, surface = CONFIDENCE_SURFACE, "-surface"
    return VerbReading(
        lemma,
        particle,
        passive,
        stative,
        clause,
        found,
        children(verb, ANY_SUBJECT_DEPS),
        written_base,
        confidence,
        surface,
    )
