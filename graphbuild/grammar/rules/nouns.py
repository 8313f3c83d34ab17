"""Event nouns: "filed a lawsuit against X", "X's lawsuit against Y", "a dispute between X and Y".

The noun names the relation; its owner, or the subject of the light verb it hangs on, acts:

- ``noun``: "Cisco filed a lawsuit against Apple", "Cisco's lawsuit against Apple",
  "criticism of Google by the Commission", "received weapons from X" (the giver acts),
  "lifted the sanctions on Iran" (the conflict ends: SETTLES_WITH);
- ``noun-between``: "the dispute between Marrenland and Osteria" (the members relate to
  each other).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from graphbuild.grammar.arguments import actors, agents, children_actors, modifier_actors, pobj_actors, subjects
from graphbuild.grammar.lexicon import EVENT_NOUNS, LIGHT_VERBS, RECEIVING_VERBS, RECIPROCAL, REVERSING_VERBS
from graphbuild.grammar.registry import CONFIDENCE_CHAINED, CONFIDENCE_DIRECT, Context, Frame, rule
from graphbuild.grammar.syntax import ANY_SUBJECT_DEPS, children, is_passive, lemma_of, written
from graphbuild.nlp import token_lemma
from graphbuild.types import Mention
from graphbuild.vocab import CONFLICT, RELATIONS

# How far up "of" phrases a noun looks for its verb: "had a history of [collaboration]".
MAX_NOUN_HOPS = 3


@dataclass(frozen=True, slots=True)
class NounReading:
    """An event noun with its arguments, worked out once for both noun rules."""

    trigger: str  # the noun's lemma
    relation: str
    subjects: list[Mention]
    targets: list[Mention]
    between: list[Mention]  # the members of "between X and Y"
    between_preps: list[Token]
    verb_words: list[Token]  # the light verb and the noun
    chain: list[Token]
    subject_tokens: list[Token]
    confidence: float


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun phrase hangs on: "filed [a lawsuit]", "entered into [an agreement]",
    "had a history of [collaboration]"."""
    token = noun
    for _ in range(MAX_NOUN_HOPS):
        if token.dep_ in {"dobj", "attr", "nsubjpass", "oprd"}:
            return token.head if token.head.pos_ in {"VERB", "AUX"} else None
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            host = token.head.head
            if host.pos_ in {"VERB", "AUX"}:
                return host
            if host.pos_ == "NOUN" and token.head.lower_ == "of":
                token = host
                continue
            return None
        if token.dep_ == "conj":
            token = token.head
            continue
        return None
    return None


def read_noun(noun: Token, ctx: Context) -> NounReading | None:
    """The noun's reading, or None when it is no event noun of the lexicon."""
    found: NounReading | None = ctx.reading("noun", noun, _read_noun)
    return found


def _read_noun(noun: Token, ctx: Context) -> NounReading | None:
    trigger = token_lemma(noun).lower()
    entry = EVENT_NOUNS.get(trigger)
    if entry is None or noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    index = ctx.index
    relation, preps = entry
    targets: list[Mention] = []
    between: list[Mention] = []
    sources: list[Mention] = []  # "from X": who acts, when the subject only receives
    between_preps: list[Token] = []
    light = governing_verb(noun)
    light_lemma = lemma_of(light) if light is not None else ""
    for host in [noun] + ([light] if light is not None else []):
        for prep in children(host, {"prep"}):
            if prep.lower_ == "between" and "between" in preps:
                between.extend(pobj_actors(prep, index))
                between_preps.append(prep)
            elif prep.lower_ in {"from", "by"} and light_lemma in RECEIVING_VERBS:
                sources.extend(pobj_actors(prep, index))
            elif prep.lower_ in preps and (host is noun or prep.i > noun.i):
                targets.extend(a for a in pobj_actors(prep, index) if a not in targets)
    if not targets and light is not None and light_lemma in LIGHT_VERBS:
        # "engaged Filipino peacekeepers in a firefight": the light verb's own object
        targets = [a for c in children(light, {"dobj"}) if c != noun for a in actors(c, index)]
    owners = children_actors(noun, {"poss"}, index)
    owners += [a for c in children(noun, {"compound", "nmod", "amod"}) for a in modifier_actors(c, index)]
    for prep in children(noun, {"prep"}):
        if prep.lower_ == "by":
            owners.extend(pobj_actors(prep, index))
    chain: list[Token] = []
    subject_tokens: list[Token] = []
    verb_words: list[Token] = [noun]
    confidence = CONFIDENCE_DIRECT
    usable = light is not None and (
        light_lemma in LIGHT_VERBS | RECEIVING_VERBS | REVERSING_VERBS or token_lemma(light) == "be"
    )
    if not owners and light is not None and usable:
        if is_passive(light):
            owners = agents(light, index)
        else:
            clause = subjects(light, index)
            owners, chain = clause.actors, clause.chain
            if clause.chained:
                confidence = CONFIDENCE_CHAINED
        subject_tokens = children(light, ANY_SUBJECT_DEPS)
        chain = [light, *chain]
        verb_words = [light, noun]
    if sources and light_lemma in RECEIVING_VERBS:
        # "Georgian demonstrators received weapons from the government": the giver acts
        owners, targets = sources, owners
    if light_lemma in REVERSING_VERBS and RELATIONS[relation].polarity == CONFLICT:
        relation = "SETTLES_WITH"  # "lifted the sanctions on Iran": the conflict ends
    return NounReading(
        trigger, relation, owners, targets, between, between_preps, verb_words, chain, subject_tokens, confidence
    )


@rule("noun-between")
def noun_between(noun: Token, ctx: Context) -> Iterator[Frame]:
    """ "a dispute between X and Y", "X's talks between ... and Y": the members relate to each other."""
    reading = read_noun(noun, ctx)
    if reading is None or not reading.between or reading.targets:
        return
    between, who = reading.between, reading.subjects
    members = [*who, *(b for b in between if b not in who)] if who and len(between) == 1 else between
    yield Frame(
        reading.relation,
        members,
        [],
        written(reading.verb_words + reading.between_preps),
        "noun-between",
        noun,
        reading.chain,
        reading.subject_tokens,
        reading.confidence,
        reciprocal=True,
        trigger=reading.trigger,
    )


@rule("noun")
def event_noun(noun: Token, ctx: Context) -> Iterator[Frame]:
    """ "filed a lawsuit against X", "X's lawsuit against Y", "criticism of X by Y"."""
    reading = read_noun(noun, ctx)
    if reading is None or (reading.between and not reading.targets):
        return
    preps = EVENT_NOUNS[reading.trigger][1]
    yield Frame(
        reading.relation,
        reading.subjects,
        reading.targets,
        written(reading.verb_words + [p for p in children(noun, {"prep"}) if p.lower_ in preps]),
        "noun",
        noun,
        reading.chain,
        reading.subject_tokens,
        reading.confidence,
        reciprocal=reading.trigger in RECIPROCAL,
        trigger=reading.trigger,
    )
