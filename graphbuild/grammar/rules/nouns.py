"""Event nouns: "filed a lawsuit against X", "X's lawsuit against Y", "a dispute between X and Y".

The noun names the relation; its owner, or the subject of the light verb it hangs on, acts:

- ``noun``: "Cisco filed a lawsuit against Apple", "Cisco's lawsuit against Apple",
  "criticism of Google by the Commission", "received weapons from X" (the giver acts),
  "lifted the sanctions on Iran", "settled its dispute with X" (the conflict ends:
  SETTLES_WITH), "cut ties with X", "pulled out of its venture with X" (the cooperation
  ends: REDUCES_RELATIONS);
- ``noun-between``: "the dispute between Marrenland and Osteria" (the members relate to
  each other).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from graphbuild.grammar.arguments import actors, agents, children_actors, modifier_actors, pobj_actors
from graphbuild.grammar.clauses import subjects
from graphbuild.grammar.lexicon import (
    BREAKING_VERBS,
    ENDING_NOUNS,
    EVENT_NOUNS,
    GIVING_VERBS,
    GO_BETWEEN_WORDS,
    LIGHT_VERBS,
    NEEDS_VERB_NOUNS,
    PHRASAL_BREAKING_VERBS,
    RECEIVING_VERBS,
    RECIPROCAL,
    REVERSING_VERBS,
    TRADE_NOUNS,
    UNDERTAKING_NOUNS,
    WORSENING_WORDS,
)
from graphbuild.grammar.mentions import ActorIndex
from graphbuild.grammar.registry import CONFIDENCE_CHAINED, CONFIDENCE_DIRECT, Context, Frame, rule
from graphbuild.grammar.syntax import ANY_SUBJECT_DEPS, children, is_noun, is_passive, lemma_of, written
from graphbuild.nlp import token_lemma
from graphbuild.types import Mention
from graphbuild.vocab import CONFLICT, COOPERATION, RELATIONS

# How far up "of" phrases a noun looks for its verb: "had a history of [collaboration]".
MAX_NOUN_HOPS = 3
# Prepositions that give a reason or a time, not the act: "over their ties with X", "after the
# attack on X".
CIRCUMSTANCE_PREPS = frozenset({"over", "after", "before", "amid", "during", "despite", "since", "until"})
# Participles that work as prepositions: "[following] the invasion of X", "[including] talks with X".
PREPOSITION_VERBS = frozenset({"follow", "include", "regard", "concern"})
# Prepositions that say what an agreement is about: "a contract [for] the supply of steel".
SUBJECT_MATTER_PREPS = frozenset({"for", "on"})
# Event nouns that say, after "in", why the subject of any verb acts: "resigned [in protest]
# against X", "staged a hunger strike [in protest] at X's policy".
MANNER_NOUNS = frozenset({"protest"})
# The particles that make a verb end what it holds: "pulled out of", "broke off", "walked away from".
BREAKING_PARTICLES = frozenset({"out", "off", "away", "up"})


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
            if token.head.pos_ not in {"VERB", "AUX"} or _as_preposition(token.head):
                return None  # "[following] the invasion of X": a preposition, not a light verb
            return token.head
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            if token.head.lower_ in CIRCUMSTANCE_PREPS:
                return None  # "broke off relations [over their ties with X]": a reason, not the act
            if _as_preposition(token.head):
                return None  # "strengthened its forces [following] the discovery of rockets"
            host = token.head.head
            if host.dep_ in {"prep", "prt", "advmod"} and host.head.pos_ in {"VERB", "AUX"}:
                host = host.head  # "pulled [out of] its venture", "walked [away from] the deal"
            if host.pos_ in {"VERB", "AUX"}:
                return None if _as_preposition(host) else host
            if host.pos_ == "NOUN" and token.head.lower_ == "of":
                token = host
                continue
            return None
        if token.dep_ == "conj":
            token = token.head
            continue
        if token.dep_ == "compound" and token_lemma(token.head).lower() in UNDERTAKING_NOUNS:
            token = token.head  # "launched a mediation [effort]"
            continue
        return None
    return None


def _as_preposition(verb: Token) -> bool:
    """ "following", "including", "regarding": a participle that works as a preposition."""
    return verb.tag_ == "VBG" and token_lemma(verb).lower() in PREPOSITION_VERBS


def _particle(verb: Token) -> str:
    """The particle a verb is written with: "out" in "pulled out of", "off" in "broke off"."""
    deps = {"prt", "prep", "advmod"}  # "backed [away] from": the parse may call the particle an adverb
    return next((c.lower_ for c in verb.children if c.dep_ in deps and c.lower_ in BREAKING_PARTICLES), "")


def _ends_cooperation(verb: Token) -> bool:
    """ "cut [ties]", "withdrew from [its treaty]", "pulled out of [its venture]"."""
    lemma = lemma_of(verb)
    return lemma in BREAKING_VERBS or (lemma in PHRASAL_BREAKING_VERBS and _particle(verb) != "")


def _subject_matter(noun: Token) -> list[Token]:
    """The nouns of what an agreement is about, where the parse may hang its partner: "a
    contract for the supply of steel [with] X", "an accord on the sale of arms [with] X"."""
    found: list[Token] = []
    for prep in children(noun, {"prep"}):
        if prep.lower_ in SUBJECT_MATTER_PREPS:
            for pobj in children(prep, {"pobj"}):
                found += [
                    pobj,
                    *(o for of in children(pobj, {"prep"}) if of.lower_ == "of" for o in children(of, {"pobj"})),
                ]
    return found


def _in_manner(noun: Token, trigger: str) -> bool:
    """ "walked out [in protest] against X": the noun says why the verb's subject acts."""
    return trigger in MANNER_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ == "in"


def _ending_noun(noun: Token) -> Token | None:
    """The noun of ending that holds this one: "[the withholding] of aid", "[a halt] to talks"."""
    if noun.dep_ == "pobj" and noun.head.lower_ in {"of", "to"} and noun.head.head.pos_ == "NOUN":
        host = noun.head.head
        if token_lemma(host).lower() in ENDING_NOUNS:
            return host
    return None


def _worsening(noun: Token, light: Token | None) -> bool:
    """ "strained ties", "relations between X and Y worsened", "relations soured": bad relations."""
    if any(token_lemma(c).lower() in WORSENING_WORDS for c in children(noun, {"amod"})):
        return True
    if noun.dep_ in {"nsubj", "nsubjpass"} and token_lemma(noun.head).lower() in WORSENING_WORDS:
        return True
    return light is not None and lemma_of(light) in WORSENING_WORDS


def read_noun(noun: Token, ctx: Context) -> NounReading | None:
    """The noun's reading, or None when it is no event noun of the lexicon."""
    found: NounReading | None = ctx.reading("noun", noun, _read_noun)
    return found


def _read_noun(noun: Token, ctx: Context) -> NounReading | None:
    if not is_noun(noun):
        return None
    trigger = token_lemma(noun).lower()
    entry = EVENT_NOUNS.get(trigger)
    if entry is None:
        return None
    index = ctx.index
    relation, preps = entry
    if _in_manner(noun, trigger):
        preps = (*preps, "of")  # "in protest of X's refusal"
    targets: list[Mention] = []
    between: list[Mention] = []
    sources: list[Mention] = []  # "from X": who acts, when the subject only receives
    between_preps: list[Token] = []
    light = governing_verb(noun)
    light_lemma = lemma_of(light) if light is not None else ""
    light_i = light.i if light is not None else -1
    ender = _ending_noun(noun)
    cooperative = RELATIONS[relation].polarity == COOPERATION
    breaking = cooperative and ((light is not None and _ends_cooperation(light)) or ender is not None)
    usable = light is not None and (
        light_lemma in LIGHT_VERBS | RECEIVING_VERBS | REVERSING_VERBS
        or token_lemma(light) == "be"
        or breaking
        or _in_manner(noun, trigger)
    )
    worsening = trigger in NEEDS_VERB_NOUNS and _worsening(noun, light)
    if trigger in NEEDS_VERB_NOUNS and not usable and not worsening:
        return None  # "relations between X and Y" state no cooperation by themselves
    hosts = [noun] + ([light] if light is not None else [])
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        hosts.append(noun.head)  # "a coalition government with X": the event names the head noun
    for host in hosts + _subject_matter(noun):
        for prep in children(host, {"prep", "dative"}):  # "gave a grant [to] X": the parse may say dative
            if host not in hosts and prep.lower_ != "with":
                continue
            if prep.lower_ == "between" and "between" in preps:
                between.extend(pobj_actors(prep, index))
                between_preps.append(prep)
            elif prep.lower_ in {"from", "by"} and light_lemma in RECEIVING_VERBS:
                sources.extend(pobj_actors(prep, index))
            elif prep.lower_ in preps and (host.i != light_i or prep.i > noun.i):
                found = pobj_actors(prep, index) or _trade_partners(prep, light, index)
                targets.extend(a for a in found if a not in targets)
    if not targets and light is not None and light_lemma in LIGHT_VERBS:
        # "engaged Filipino peacekeepers in a firefight": the light verb's own object; "gave
        # Marrenland a grant": its indirect object (not a "to" the parse called dative)
        targets = [
            a
            for c in children(light, {"dobj", "dative"})
            if c.i != noun.i and c.pos_ in {"NOUN", "PROPN", "PRON"}
            for a in actors(c, index)
        ]
    owners = children_actors(noun, {"poss"}, index)
    if ender is not None and cooperative:
        owners += children_actors(ender, {"poss"}, index)  # "the administration's withholding of aid"
    owners += [a for c in children(noun, {"compound", "nmod", "amod"}) for a in modifier_actors(c, index)]
    for prep in children(noun, {"prep"}):
        if prep.lower_ == "by":
            owners.extend(pobj_actors(prep, index))
    chain: list[Token] = []
    subject_tokens: list[Token] = []
    verb_words: list[Token] = [noun]
    confidence = CONFIDENCE_DIRECT
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
        # "Kurdish fighters received weapons from the army": the giver acts
        owners, targets = sources, owners
    elif owners and not targets and light is not None and light_lemma in RECEIVING_VERBS and not is_passive(light):
        # "GM received Canadian loans": the owner of the noun gives, the subject receives
        clause = subjects(light, index)
        targets, chain = clause.actors, [light, *clause.chain]
        subject_tokens, verb_words = children(light, ANY_SUBJECT_DEPS), [light, noun]
    if light_lemma in REVERSING_VERBS and RELATIONS[relation].polarity == CONFLICT:
        relation = "SETTLES_WITH"  # "lifted the sanctions on Iran": the conflict ends
    elif breaking:
        relation = "REDUCES_RELATIONS"  # "cut ties with X": the cooperation ends
    if worsening:
        relation = "DISPUTES_WITH"  # "relations between X and Y soured", "strained ties with X"
    return NounReading(
        trigger, relation, owners, targets, between, between_preps, verb_words, chain, subject_tokens, confidence
    )


def _trade_partners(prep: Token, light: Token | None, index: ActorIndex) -> list[Mention]:
    """ "a ban on [arms sales to X]", "an embargo on [imports from X]": the measure aims at the
    party the trade goes to or comes from (the parse may hang that "to" on the verb)."""
    trades = [t for t in children(prep, {"pobj"}) if token_lemma(t).lower() in TRADE_NOUNS]
    if not trades:
        return []
    hosts = [*trades, *([light] if light is not None else [])]
    return [
        a
        for host in hosts
        for p in children(host, {"prep"})
        if p.lower_ in {"to", "from"} and p.i > prep.i
        for a in pobj_actors(p, index)
    ]


@rule("noun-between", on=is_noun)
def noun_between(noun: Token, ctx: Context) -> Iterator[Frame]:
    """ "a dispute between X and Y", "X's talks between ... and Y": the members relate to each other."""
    reading = read_noun(noun, ctx)
    if reading is None or not reading.between or reading.targets:
        return
    if reading.trigger in GO_BETWEEN_WORDS:
        return  # "mediation between X and Y": a third party's act, the sides need not talk
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


@rule("noun-go-between", on=is_noun)
def go_between(noun: Token, ctx: Context) -> Iterator[Frame]:
    """ "hosted talks between X and Y", "launched a mediation effort between X and Y": the one
    who brings the members together relates to each of them."""
    reading = read_noun(noun, ctx)
    if reading is None or len(reading.between) < 2:
        return
    light = governing_verb(noun)
    if light is None or is_passive(light):
        return
    light_lemma = lemma_of(light)
    if light_lemma not in GO_BETWEEN_WORDS and not (reading.trigger in GO_BETWEEN_WORDS and light_lemma in LIGHT_VERBS):
        return
    who, chain, subject_tokens, confidence = reading.subjects, reading.chain, reading.subject_tokens, reading.confidence
    if not who:
        clause = subjects(light, ctx.index)
        who, chain = clause.actors, [light, *clause.chain]
        subject_tokens = children(light, ANY_SUBJECT_DEPS)
        confidence = CONFIDENCE_CHAINED if clause.chained else CONFIDENCE_DIRECT
    who = [w for w in who if w not in reading.between]
    if not who:
        return
    yield Frame(
        reading.relation,
        who,
        reading.between,
        written([light, noun, *reading.between_preps]),
        "noun-go-between",
        noun,
        chain,
        subject_tokens,
        confidence,
        trigger=reading.trigger,
    )


@rule("noun", on=is_noun)
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
        reciprocal=reading.trigger in RECIPROCAL and not _offered(reading),
        trigger=reading.trigger,
    )


def _offered(reading: NounReading) -> bool:
    """ "Both offered the deal to the union": a deal handed to another is not between them."""
    light = reading.verb_words[0] if len(reading.verb_words) > 1 else None
    return light is not None and lemma_of(light) in GIVING_VERBS
