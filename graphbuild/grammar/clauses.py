"""Clauses: who carries out a verb.

The subject of a governing verb is carried down chains ("agreed to criticize"); the one
asked or made to act does it ("forced Peru to sue", "called on Ethiopia to help", "led EU
authorities to ... compel it"); a noun's "to" clause is its owner's or its light verb's
("made the decision to ban X"); and partners named beside the subject act with it ("Chile,
together with Peru, sued Bolivia").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graphbuild.grammar.arguments import actors, agents, children_actors, pobj_actors
from graphbuild.grammar.lexicon import (
    AWARDED_NOUNS,
    CONTROL_NOUNS,
    DOCUMENT_NOUNS,
    LIGHT_VERBS,
    OBJECT_CONTROL,
    REQUEST_VERBS,
    WILLING_WORDS,
)
from graphbuild.grammar.mentions import ActorIndex
from graphbuild.grammar.syntax import CHAIN_DEPS, MAX_CHAIN, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, children, is_passive
from graphbuild.nlp import token_lemma
from graphbuild.types import Mention


@dataclass(frozen=True, slots=True)
class Clause:
    """The subject a predicate inherits, and how it got there."""

    actors: list[Mention]
    chain: list[Token]  # governing verbs, nearest first
    chained: bool


def subjects(verb: Token, index: ActorIndex) -> Clause:
    """The actors that carry out ``verb``, climbing to governing verbs when it has none."""
    chain: list[Token] = []
    token = below = verb
    chain_link = ""  # how the clause reached ``token``: xcomp, conj, advcl...
    for _ in range(MAX_CHAIN + 1):
        controller = _controller(token, below) if token is not verb else None
        if controller is not None:
            # object control: "forced Peru to sue", "called on Ethiopia to help", "led EU
            # authorities to refer": the one asked or made does it, whether or not it names an actor
            return Clause([a for c in controller for a in actors(c, index)], chain, chained=True)
        if is_passive(token) and token is not verb:
            found = agents(token, index)
            if not found and chain_link == "xcomp":
                # "Fiat is expected to acquire Chrysler": the passive's subject does it
                found = children_actors(token, PASSIVE_SUBJECT_DEPS, index)
        else:
            found = children_actors(token, SUBJECT_DEPS, index)
        if found:
            return Clause(found, chain, chained=token is not verb)
        noun = _control_noun(token)
        if noun is not None:
            # "[Velt's attempts] to persuade", "[attempts by Velt] to": the owner does it;
            # "[made the decision] to ban X": the subject of the verb the noun hangs on does
            owners = children_actors(noun, {"poss"}, index) + [
                a for p in children(noun, {"prep"}) if p.lower_ == "by" for a in pobj_actors(p, index)
            ]
            chain.append(noun)
            if owners:
                return Clause(owners, chain, chained=True)
            host = _competed_for(noun)
            if host is None and _issued(noun):
                host = noun.head  # "[issued] a statement condemning X": whoever issued it
            if host is None and (noun.dep_ != "dobj" or token_lemma(noun.head).lower() not in LIGHT_VERBS):
                break  # "welcomed [the decision] to sue": whose decision, it does not say
            host = host or noun.head
            chain.append(host)
            chain_link = "dobj"
            token = host
            continue
        if _restrictive_participle(token):
            # "lawmakers [backing] the bill": the noun the participle describes does it
            return Clause(actors(token.head, index), [*chain, token.head], chained=True)
        if token.dep_ == "relcl":
            # "Apple, which sued Cisco": the relative pronoun stands for the head noun
            if any(c.tag_ in {"WDT", "WP"} and c.dep_ in SUBJECT_DEPS for c in token.children):
                return Clause(actors(token.head, index), chain, chained=True)
            break
        if _for_gerund(token):
            # "jailed a student for helping militants", "accused X of arming": the object
            # does it, whether or not it names an actor
            above = token.head.head
            return Clause(children_actors(above, {"dobj"}, index), [*chain, above], chained=True)
        head = _governor(token)
        if head is None:
            break
        chain.append(head)
        chain_link = token.dep_
        below, token = token, head
    return Clause([], chain, chained=False)


def _controller(governor: Token, below: Token) -> list[Token] | None:
    """Who does what ``governor`` makes or asks another to do in the clause ``below``: its
    object ("forced [Peru] to sue", "helping [young militants] join"), or the object of "on"
    after a verb of asking ("called on [Ethiopia] to help")."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children)
    if not (below.dep_ == "xcomp" or (below.dep_ == "advcl" and infinitive)):
        return None
    lemma = token_lemma(governor)
    if lemma in OBJECT_CONTROL:
        return children(governor, {"dobj"}) or None
    if lemma in REQUEST_VERBS and infinitive:
        asked = [c for p in children(governor, {"prep"}) if p.lower_ in {"on", "upon"} for c in children(p, {"pobj"})]
        return asked or None
    return None


def _issued(noun: Token) -> bool:
    """A document that is the object of a verb: "issued [a statement]", "released [a report]"."""
    return noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and token_lemma(noun).lower() in DOCUMENT_NOUNS


def _competed_for(noun: Token) -> Token | None:
    """The verb a contract is won or sought by: "defeated Boeing [for] a contract to supply
    X", "bid [for] a contract to build": whoever competes for it does the work."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and token_lemma(noun).lower() in AWARDED_NOUNS:
        verb = noun.head.head
        return verb if verb.pos_ == "VERB" else None
    return None


def _control_noun(token: Token) -> Token | None:
    """The noun whose "to" clause ``token`` heads ("[decision] to ban", "[attempts] to
    encourage"), or the document a participle says what of ("[a statement] condemning X",
    "[an order] declaring that X was unlawful")."""
    head = token.head
    if token.dep_ != "acl" or head.pos_ != "NOUN":
        return None
    lemma = token_lemma(head).lower()
    if token.tag_ == "VBG" and lemma in DOCUMENT_NOUNS:
        return head
    if lemma not in CONTROL_NOUNS or not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None
    return head


def _restrictive_participle(token: Token) -> bool:
    """ "lawmakers [backing] the bill": an active participle right after the noun it
    describes; not one set off by a comma, which often tells what the clause's subject did
    ("the court ruled for the plaintiff, a politician, [allowing] ...")."""
    start = token.left_edge.i
    return (
        token.dep_ == "acl"
        and token.tag_ == "VBG"
        and token.head.pos_ in {"NOUN", "PROPN"}
        and start > 0
        and token.doc[start - 1].text not in {",", "-", "—", "(", ";"}
    )


def _for_gerund(token: Token) -> bool:
    """Is ``token`` a gerund after "for" or "of" on a verb with an object ("fined X for
    [violating]", "accused X of [arming]")?"""
    prep = token.head
    return (
        token.dep_ == "pcomp"
        and token.tag_ == "VBG"
        and prep.lower_ in {"for", "of"}
        and prep.head.pos_ in {"VERB", "AUX"}
        and bool(children(prep.head, {"dobj"}))
    )


def _governor(token: Token) -> Token | None:
    """The verb whose subject ``token``'s clause shares, if it has no subject of its own."""
    if any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in token.children):
        return None  # the clause has a subject of its own, but it names no actor
    if token.dep_ == "prep" or (
        token.dep_ not in CHAIN_DEPS and not (token.dep_ == "pcomp" or token.head.dep_ == "prep")
    ):
        return None
    head = token.head
    if head.dep_ == "prep":  # "before compelling it": the verb the preposition hangs on
        head = head.head
    if head.i == token.i:
        return None
    if head.pos_ not in {"VERB", "AUX"} and not _willing(token, head):
        return None
    return head


def _willing(token: Token, head: Token) -> bool:
    """ "is [willing] to send": an adjective of readiness after a copula passes its subject on."""
    return token.dep_ == "xcomp" and head.dep_ == "acomp" and token_lemma(head).lower() in WILLING_WORDS


def left_group(verb: Token, index: ActorIndex) -> list[Mention]:
    """Actors written right before a verb the parse left without a subject ("Meta and
    Spotify criticize ...", where the model read "Spotify" as a verb)."""
    if any(c.dep_ in SUBJECT_DEPS and c.pos_ == "NOUN" for c in verb.children):
        return []  # "Farm groups in Velmora have rallied": a subject that names no actor
    doc, start = verb.doc, verb.sent.start
    i = verb.i - 1
    while i >= start and (doc[i].dep_ in {"aux", "auxpass", "neg", "advmod"} or doc[i].pos_ in {"AUX", "PART", "ADV"}):
        i -= 1
    group: list[Mention] = []
    while i >= start:
        mention = index.named(doc[i])
        if mention is None:
            break
        group.insert(0, mention)
        while i >= start and index.named(doc[i]) is mention:
            i -= 1
        if i >= start and doc[i].lower_ in {"and", "or", ","}:
            i -= 1
            if i >= start and doc[i].lower_ in {"and", "or", ","}:
                i -= 1
            continue
        break
    return group


# Nouns of acting jointly: "in [conjunction] with X", "in [concert] with X".
JOINT_NOUNS = frozenset(
    {"conjunction", "concert", "coordination", "cooperation", "collaboration", "partnership", "tandem"}
)
# Adverbs that make "with" join a partner: "together with X", "along with X", "jointly with X".
JOINT_ADVERBS = frozenset({"together", "along", "jointly"})


def joint_preps(host: Token) -> list[Token]:
    """The prepositions on ``host`` that bring in a partner who acts with it: "alongside X",
    "together with X", "along with X", "in conjunction with X"."""
    found: list[Token] = []
    for prep in children(host, {"prep"}):
        word = prep.lower_
        if word == "alongside":
            found.append(prep)
        elif word == "with" and any(c.lower_ in JOINT_ADVERBS for c in prep.children if c.dep_ == "advmod"):
            found.append(prep)
        elif word in JOINT_ADVERBS:  # the parse may hang "with" on "along"
            found += [p for p in children(prep, {"prep"}) if p.lower_ == "with"]
        elif word == "in":
            found += [
                p
                for noun in children(prep, {"pobj"})
                if token_lemma(noun).lower() in JOINT_NOUNS
                for p in children(noun, {"prep"})
                if p.lower_ == "with"
            ]
    return found


def co_agents(verbs: list[Token], index: ActorIndex) -> list[Mention]:
    """The partners who act with the subject of the first of ``verbs`` that has one:
    "Chile, together with Peru, sued Bolivia" has Peru sue too."""
    for verb in verbs:
        subject_tokens = children(verb, SUBJECT_DEPS)
        if not subject_tokens:
            continue
        if is_passive(verb):
            return []  # "Bolivia, with Peru, was sued by Chile": the partner is acted upon
        return [a for host in (verb, *subject_tokens) for p in joint_preps(host) for a in partner_actors(p, index)]
    return []


def partner_actors(prep: Token, index: ActorIndex) -> list[Mention]:
    """The partners a joint preposition names; "along with [his fellow crew members]" are the
    subject's own people, not whoever "his" stands for."""
    return [
        a
        for child in children(prep, {"pobj"})
        if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in child.children)
        for a in actors(child, index)
    ]
