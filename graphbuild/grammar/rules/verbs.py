"""Verbs: a lexicon verb with its subject and its object or prepositional target.

- ``verb-prep``: "Meta complained about Apple", "Nissan teamed up with Renault";
- ``verb-passive``: "Apple was sued by Cisco";
- ``verb``: "Cisco sued Apple", "Meta and Spotify collaborate" (reciprocal);
- ``verb-object``: a verb with the object noun its row requires: "opened fire on X",
  "established ties with X", "X and Y restored relations" (the row says where the target is).

A row's excluded object nouns stop it ("released a report" is no release), and a verb that
gives or helps never reads a conflict noun as what it gives ("delivered blows to X").

Subjects come down chains ("agreed to criticize"); where the parse gives a verb no subject,
the actors written right before it are taken (``-surface``, at a lower confidence).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.grammar.arguments import actors, agents, children_actors, pobj_actors
from graphbuild.grammar.lexicon import (
    DEMAND_VERBS,
    EVENT_NOUNS,
    LABEL_VERBS,
    RECIPROCAL,
    VERB_EXCLUDES,
    VERB_MUTUAL,
    VERB_OBJECTS,
    VERB_PHRASES,
    VERB_PREPS,
    Entry,
)
from graphbuild.grammar.readings import read_verb
from graphbuild.grammar.registry import CONFIDENCE_DIRECT, CONFIDENCE_SURFACE, Context, Frame, rule
from graphbuild.grammar.rules.labels import label_frames
from graphbuild.grammar.syntax import (
    ANY_SUBJECT_DEPS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    children,
    is_passive,
    is_verbal,
    lemma_of,
    written,
)
from graphbuild.nlp import token_lemma
from graphbuild.vocab import CONFLICT, COOPERATION, RELATIONS

# Relations whose target may be the subject of the clause the verb governs ("help X stop Y",
# "allowed X to build").
BENEFIT_RELATIONS = frozenset({"AIDS", "SUPPORTS", "YIELDS_TO"})
# The links through which a preposition hung lower down still belongs to the verb: adjuncts
# and their modifiers ("complained [in posts posted ...] about X"), and an object that is the
# event itself ("signed [a contract worth $2bn] with X"); never another object or a clause of
# its own ("mobilized [groups to help ... in their struggle] against X" mobilizes no one
# against X).
ADJUNCT_DEPS = frozenset({"prep", "pobj", "pcomp", "npadvmod", "advmod", "acl", "amod"})
# Event nouns that name a conflict: never what a verb of cooperation gives ("delivered blows to").
CONFLICT_NOUNS = frozenset(
    noun for noun, (relation, _) in EVENT_NOUNS.items() if RELATIONS[relation].polarity == CONFLICT
)


def object_nouns(verb: Token) -> list[Token]:
    """The verb's direct objects (the passive subject of a passive verb), conjuncts included."""
    deps = PASSIVE_SUBJECT_DEPS if is_passive(verb) else frozenset({"dobj"})
    heads = [c for c in verb.children if c.dep_ in deps]
    return [t for head in heads for t in (head, *head.conjuncts)]


def _object_allows(verb: Token, trigger: str, relation: str) -> bool:
    """Whether what the verb acts on lets the row fire: none of the row's excluded nouns, and
    no conflict noun given by a verb of cooperation."""
    excluded = VERB_EXCLUDES.get(trigger, frozenset())
    cooperation = RELATIONS[relation].polarity == COOPERATION
    if not excluded and not cooperation:
        return True
    for noun in object_nouns(verb):
        lemma = token_lemma(noun).lower()
        if lemma in excluded or (cooperation and lemma in CONFLICT_NOUNS):
            return False
    return True


def _verb_phrase(lemma: str, particle: str, prep: str) -> str | None:
    for phrase in (f"{lemma} {particle} {prep}", f"{lemma} {prep}") if particle else (f"{lemma} {prep}",):
        if phrase.strip() in VERB_PHRASES:
            return phrase.strip()
    return None


def _target_preps(verb: Token, lemma: str) -> tuple[list[Token], bool]:
    """The prepositions that may introduce the verb's target, and whether they were found
    below the verb rather than on it."""
    preps = children(verb, {"prep"})
    wanted = {p.split()[-1] for p in VERB_PREPS.get(lemma, ()) if p}
    if not wanted or any(p.lower_ in wanted for p in preps):
        return preps, False
    # the parse hung the preposition lower down: "complained ... in posts ... about X"
    lower = [
        t
        for t in verb.subtree
        if t.dep_ == "prep"
        and t.i > verb.i
        and t.lower_ in wanted
        and token_lemma(t.head).lower() not in VERB_PREPS
        and token_lemma(t.head).lower() not in EVENT_NOUNS  # "broke off [relations] with X": the noun's
        and _through_adjuncts(t.head, verb)
    ]
    return lower[:1], True


def _through_adjuncts(token: Token, verb: Token) -> bool:
    """Whether ``token`` hangs on ``verb`` through adjuncts only (or is the verb)."""
    while token.i != verb.i:
        event = token.dep_ == "dobj" and token_lemma(token).lower() in EVENT_NOUNS
        if (token.dep_ not in ADJUNCT_DEPS and not event) or token.head.i == token.i:
            return False
        token = token.head
    return True


@rule("verb-prep", emits=("verb-prep", "verb-prep-surface"), on=is_verbal)
def prepositional_verb(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "complain about X", "team up with X", "are united against X": the target is the
    object of the verb's preposition."""
    if lemma_of(verb) not in VERB_PREPS:
        return
    reading = read_verb(verb, ctx)
    index = ctx.index
    preps, lower = _target_preps(verb, reading.lemma)
    confidence = min(reading.confidence, CONFIDENCE_SURFACE) if lower else reading.confidence
    for prep in preps:
        phrase = _verb_phrase(reading.lemma, reading.particle, prep.lower_)
        if phrase is None or not _object_allows(verb, phrase, VERB_PHRASES[phrase]):
            continue
        by = agents(verb, index)
        if reading.passive:
            who = by or children_actors(verb, ANY_SUBJECT_DEPS, index)
        else:
            who = reading.actors
        if verb.dep_ == "acomp" and not who:
            who = children_actors(verb.head, SUBJECT_DEPS, index)
        yield Frame(
            VERB_PHRASES[phrase],
            who,
            pobj_actors(prep, index),
            written([*reading.written_base, prep]),
            "verb-prep" + reading.surface,
            verb,
            reading.clause.chain,
            reading.subject_tokens,
            confidence,
            trigger=phrase,
        )


def _direct_relation(verb: Token, ctx: Context) -> str | None:
    """The relation the verb states of its object, unless the verb names its object instead
    ("calls the PKK a terrorist group" labels, it does not phone)."""
    lemma = lemma_of(verb)
    if lemma in LABEL_VERBS and (label_frames(verb, ctx) or children(verb, {"oprd"})):
        return None
    if lemma not in VERB_PREPS:
        return None
    base = read_verb(verb, ctx).base
    relation = VERB_PHRASES.get(base)
    if relation is None or not _object_allows(verb, base, relation):
        return None
    return relation


@rule("verb-passive", on=is_verbal)
def passive_verb(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "Apple was sued by Cisco": the agent acts on the passive subject."""
    relation = _direct_relation(verb, ctx)
    if relation is None:
        return
    reading = read_verb(verb, ctx)
    if not reading.passive or reading.stative:
        return
    yield Frame(
        relation,
        agents(verb, ctx.index),
        children_actors(verb, PASSIVE_SUBJECT_DEPS, ctx.index),
        written(reading.written_base),
        "verb-passive",
        verb,
        reading.clause.chain,
        reading.subject_tokens,
        CONFIDENCE_DIRECT,
        trigger=reading.base,
    )


@rule("verb", emits=("verb", "verb-surface"), on=is_verbal)
def active_verb(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "Cisco sued Apple", "help the Peshmerga stop ...", and with no object a reciprocal
    ("Meta and Spotify collaborate", "worked together")."""
    relation = _direct_relation(verb, ctx)
    if relation is None:
        return
    reading = read_verb(verb, ctx)
    if reading.passive and not reading.stative:
        return
    if reading.lemma in DEMAND_VERBS and children(verb, {"xcomp", "ccomp"}):
        return  # "urged X to ...": a demand only of stopping (rules/demands.py), else an appeal
    index = ctx.index
    targets = children_actors(verb, OBJECT_DEPS, index)
    if not targets and relation in BENEFIT_RELATIONS:
        # "help [the Peshmerga stop the advance]": who is helped is the clause's subject
        targets = [a for comp in children(verb, {"ccomp", "xcomp"}) for a in children_actors(comp, SUBJECT_DEPS, index)]
    who = reading.actors
    if verb.dep_ == "acomp" and not who:
        who = [a for c in children(verb.head, SUBJECT_DEPS) for a in actors(c, index)]
    yield Frame(
        relation,
        who,
        targets,
        written(reading.written_base),
        "verb" + reading.surface,
        verb,
        reading.clause.chain,
        reading.subject_tokens,
        reading.confidence,
        reciprocal=reading.lemma in RECIPROCAL
        or reading.base in VERB_MUTUAL
        or reading.particle == "together"
        or any(c.lower_ == "together" for c in verb.children),
        trigger=reading.base,
    )


def _object_rows(verb: Token) -> list[tuple[Token, Entry]]:
    """The rows the verb's object nouns call up: (the noun, the row)."""
    lemma = lemma_of(verb)
    return [
        (noun, entry)
        for noun in object_nouns(verb)
        for entry in VERB_OBJECTS.get((lemma, token_lemma(noun).lower()), ())
    ]


@rule("verb-object", on=is_verbal)
def object_verb(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "opened fire on X", "imposed a curfew on X", "X and Y established ties": the verb and
    the object noun its row requires name the relation; the target is the object of the row's
    preposition, on the verb or on the noun, or the subjects relate to each other."""
    rows = _object_rows(verb)
    if not rows:
        return
    reading = read_verb(verb, ctx)
    index = ctx.index
    if reading.passive:
        who = agents(verb, index)
    else:
        who = reading.actors
    for noun, entry in rows:
        if entry.particle and entry.particle != reading.particle:
            continue
        # "awarded a contract to X": the parser may label that "to" dative
        preps = [
            p
            for host in (verb, noun)
            for p in children(host, {"prep", "dative"})
            if entry.prep and p.lower_ == entry.prep
        ]
        targets = [a for p in preps for a in pobj_actors(p, index)]
        mutual = "mutual" in entry.actors
        if not targets and not (mutual and len(who) > 1):
            continue
        yield Frame(
            entry.relation,
            who,
            targets,
            written([*reading.written_base, noun, *preps]),
            "verb-object",
            verb,
            reading.clause.chain,
            reading.subject_tokens,
            reading.confidence,
            reciprocal=mutual and not targets,
            trigger=entry.trigger,
        )
