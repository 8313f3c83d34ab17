"""The registry of constructions: each rule is a small function, registered by name.

A rule looks at one token (its anchor: a verb, a noun, "vs.") and yields ``Frame``s: a
relation, who does it, to whom, and the words that say so. ``graphbuild.grammar.extract``
runs every registered rule, in registration order, on every token of a sentence that names
an actor, and turns frames into triples. A new construction is one decorated function:

    @rule("verb-passive", on=is_verbal)
    def passive_verb(verb: Token, ctx: Context) -> Iterator[Frame]:
        '''"Apple was sued by Cisco": the agent acts on the passive subject.'''
        ...

Rules are registered when their module is imported; ``graphbuild.grammar.rules`` imports the
rule families in the order their frames are read (the order decides which of two equally
confident triples is kept).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from spacy.tokens import Token

from graphbuild.grammar.mentions import ActorIndex
from graphbuild.types import Mention

CONFIDENCE_DIRECT = 0.9
CONFIDENCE_CHAINED = 0.8
CONFIDENCE_REFERENCE = 0.9  # multiplied in when an argument is a resolved pronoun
CONFIDENCE_SURFACE = 0.6  # arguments found by word order where the parse gave none


@dataclass(frozen=True, slots=True)
class Frame:
    """One reading of a predicate: the relation, its arguments and where it was written."""

    relation: str
    subjects: list[Mention]
    targets: list[Mention]
    verb: str  # the predicate as written
    rule: str  # the name the triples carry: the construction's, or one of its variants
    predicate: Token  # the anchor: negation and modality are read from it and its chain
    chain: list[Token]  # governing verbs, nearest first
    subject_tokens: list[Token]  # the subject words ("Neither" denies)
    confidence: float
    reciprocal: bool = False  # no target: the subjects stand in the relation to each other
    trigger: str = ""  # the lexicon entry that fired: "team up with", "lawsuit", "opposed to"


@dataclass(slots=True)
class Context:
    """What the rules of one article share: its actors, and readings worked out once per
    token (a verb's subject is found once, whichever rules ask for it)."""

    index: ActorIndex
    quotes: list[Any] = field(default_factory=list)  # graphbuild.grammar.quotes.Quote
    _readings: dict[tuple[str, int], Any] = field(default_factory=dict)

    def reading(self, name: str, token: Token, read: Callable[[Token, Context], Any]) -> Any:
        """``read(token, self)``, computed on the first call for this token and ``name``."""
        key = (name, token.i)
        if key not in self._readings:
            self._readings[key] = read(token, self)
        return self._readings[key]


Find = Callable[[Token, Context], Iterator[Frame]]
F = TypeVar("F", bound=Find)


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered construction."""

    name: str
    find: Find
    emits: tuple[str, ...]  # the rule names its frames carry
    on: Callable[[Token], bool] | None  # a cheap test of the anchor; None: every token
    family: str  # the module it is defined in

    @property
    def doc(self) -> str:
        return (self.find.__doc__ or "").strip()


RULES: list[Rule] = []


def rule(name: str, *, emits: tuple[str, ...] = (), on: Callable[[Token], bool] | None = None) -> Callable[[F], F]:
    """Register a construction under ``name``.

    Args:
        name: the construction's name, the ``rule`` of the triples it gives.
        emits: every rule name its frames may carry, when there are variants
            ("verb-surface" beside "verb"); by default just ``name``.
        on: a test the anchor token must pass before the rule runs.

    Raises:
        ValueError: a construction of that name is registered already.
    """

    def register(find: F) -> F:
        if any(r.name == name for r in RULES):
            raise ValueError(f"A grammar rule named {name!r} is registered already; give the construction a new name.")
        family = find.__module__.rpartition(".")[2]
        RULES.append(Rule(name, find, emits or (name,), on, family))
        return find

    return register


def rule_names() -> set[str]:
    """Every rule name a triple can carry."""
    return {name for r in RULES for name in r.emits}
