"""Arguments: which actors a noun phrase names, and who carries out a verb.

Arguments are expanded over coordination and apposition; owners stand for what they own
("Apple's response" is Apple); role nouns stand for their organisation ("EU authorities");
a nationality adjective on an institution stands for its state ("an Austrian court"); and
the subject of a governing verb is carried down chains ("agreed to criticize", "led EU
authorities to ... compel it").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from graphbuild.grammar.lexicon import (
    CONTROL_NOUNS,
    GROUP_HEADS,
    LIGHT_VERBS,
    NOT_OWNED,
    OBJECT_CONTROL,
    OWNED_NOUNS,
    ROLE_NOUNS,
    ROLE_PREPS,
    country_of,
)
from graphbuild.grammar.mentions import ActorIndex
from graphbuild.grammar.syntax import (
    CHAIN_DEPS,
    MAX_CHAIN,
    OWNER_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    children,
    is_passive,
)
from graphbuild.nlp import token_lemma
from graphbuild.types import Mention

# How deep owners, appositions and "of" phrases are followed from the head noun.
MAX_DEPTH = 2
# Clauses inside a noun phrase that are not part of its name.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp"})


def actors(token: Token, index: ActorIndex, depth: int = 0) -> list[Mention]:
    """The actors a noun phrase headed by ``token`` names, its conjuncts included."""
    found: list[Mention] = []
    for member in [token, *coordinated(token)] if token.dep_ != "conj" else [token]:
        for mention in _head_actors(member, index, depth):
            if mention not in found:
                found.append(mention)
    return found


def coordinated(token: Token) -> list[Token]:
    """The conjuncts of ``token`` that belong to its list: "A, B and C" ends at C, so in "the
    rift between Russia and the US, [...] Carson replied" the parser's last conjunct, after the
    member "and" introduced, is not one."""
    conjuncts = sorted(token.conjuncts, key=lambda t: t.i)
    joins = [c.i for c in token.children if c.dep_ == "cc"]
    for k, conj in enumerate(conjuncts):
        if any(j < conj.i for j in joins):
            return conjuncts[: k + 1]
    return conjuncts


def _head_actors(token: Token, index: ActorIndex, depth: int) -> list[Mention]:
    named = index.named(token)
    if named is not None:
        group = list(index.coordinated(named))
        for child in token.children:  # "Mark Zuckerberg, Meta's CEO": the company too
            if child.dep_ == "appos" and depth <= MAX_DEPTH:
                group.extend(m for m in actors(child, index, depth + 1) if m not in group)
        return [as_state(m, token) for m in group]
    direct = index.referents(token)
    if direct:
        return direct
    if depth > MAX_DEPTH:
        return []
    if token.tag_ in {"WDT", "WP"} and token.dep_ in {"dobj", "pobj"} and token.head.dep_ == "relcl":
        # "Canada, which he thanked": the relative pronoun is the noun its clause describes
        return actors(token.head.head, index, depth + 1)
    lemma = token_lemma(token).lower()
    if lemma in NOT_OWNED:
        return []  # "a Facebook user" is not Facebook
    if lemma in GROUP_HEADS:
        return _group(token, index)
    if lemma in ROLE_NOUNS:
        # "Both CEOs of Meta, Mark Zuckerberg, and Spotify, Daniel Ek": every actor named;
        # "a court in Guyana": the state it belongs to
        phrase = [as_state(m, t) for t in phrase_tokens(token) for m in index.actors_at(t)]
        return phrase or [as_state(m, t) for t in phrase_tokens(token, ROLE_PREPS) for m in index.actors_at(t)]
    return _owners(token, lemma, index, depth)


def _group(token: Token, index: ActorIndex) -> list[Mention]:
    """ "Syrian rebels", "Georgian demonstrators": a group of its own, not the state."""
    mods = [c for c in token.children if c.dep_ in {"amod", "compound"} and index.named(c) is not None]
    if not mods:
        return []
    first = min(mods, key=lambda t: t.i)
    text = token.doc[first.i : token.i + 1].text
    return [Mention(text=text, label="NORP", start=first.idx, end=token.idx + len(token.text))]


def _owners(token: Token, lemma: str, index: ActorIndex, depth: int) -> list[Mention]:
    """The actors a common noun belongs to: "Apple's response", "the plan of France"."""
    found: list[Mention] = []
    for child in token.children:
        if child.dep_ in OWNER_DEPS or child.dep_ == "appos":
            found.extend(actors(child, index, depth + 1))
        elif child.dep_ == "amod" and index.named(child) is not None:
            found.extend(actors(child, index, depth + 1))  # "Turkish aggression"
        elif child.dep_ == "prep" and child.lower_ == "of" and (lemma in OWNED_NOUNS or token.pos_ in {"NUM", "PRON"}):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.extend(actors(pobj, index, depth + 1))
    return found


def phrase_tokens(token: Token, preps: frozenset[str] = frozenset({"of"})) -> list[Token]:
    """The noun phrase's own words: its subtree without clauses and other prepositions."""
    out = []
    stack = [token]
    while stack:
        current = stack.pop()
        out.append(current)
        for child in current.children:
            if child.dep_ in _CLAUSE_DEPS:
                continue
            if child.dep_ in OWNER_DEPS and current.ent_type_ and child.ent_type_:
                continue  # "leaders of Egypt's Muslim Brotherhood": the Brotherhood, not Egypt
            if child.dep_ == "prep" and (child.lower_ not in preps or (current is not token and child.lower_ != "of")):
                continue
            stack.append(child)
    seen: set[int] = set()
    ordered = []
    for t in sorted(out, key=lambda t: t.i):
        if t.i not in seen:
            seen.add(t.i)
            ordered.append(t)
    return ordered


def as_state(mention: Mention, token: Token) -> Mention:
    """A nationality adjective on a noun stands for its state: "an Austrian court"."""
    if mention.label == "NORP" and token.dep_ in {"amod", "compound"} and not mention.surface:
        country = country_of(mention.text)
        if country:
            return replace(mention, text=country, label="GPE")
    return mention


def modifier_actors(token: Token, index: ActorIndex) -> list[Mention]:
    """The actor a modifier of an event noun names: "Israeli tank shelling" is Israel's."""
    return [as_state(m, token) for m in index.actors_at(token)]


def children_actors(token: Token, deps: frozenset[str] | set[str], index: ActorIndex) -> list[Mention]:
    """The actors the token's dependents with one of ``deps`` name."""
    return [a for c in children(token, deps) for a in actors(c, index)]


def pobj_actors(prep: Token, index: ActorIndex) -> list[Mention]:
    """The actors the object of a preposition names."""
    found: list[Mention] = []
    for child in prep.children:
        if child.dep_ in {"pobj", "pcomp"}:
            found.extend(actors(child, index))
    return found


def agents(verb: Token, index: ActorIndex) -> list[Mention]:
    """The actors after "by" of a passive verb: "was sued by Cisco"."""
    found: list[Mention] = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by" and is_passive(verb)):
            found.extend(pobj_actors(child, index))
    return found


@dataclass(frozen=True, slots=True)
class Clause:
    """The subject a predicate inherits, and how it got there."""

    actors: list[Mention]
    chain: list[Token]  # governing verbs, nearest first
    chained: bool


def subjects(verb: Token, index: ActorIndex) -> Clause:
    """The actors that carry out ``verb``, climbing to governing verbs when it has none."""
    chain: list[Token] = []
    token = verb
    chain_link = ""  # how the clause reached ``token``: xcomp, conj, advcl...
    for _ in range(MAX_CHAIN + 1):
        if is_passive(token) and token is not verb:
            found = agents(token, index)
            if not found and chain_link == "xcomp":
                # "Fiat is expected to acquire Chrysler": the passive's subject does it
                found = children_actors(token, PASSIVE_SUBJECT_DEPS, index)
        else:
            found = children_actors(token, SUBJECT_DEPS, index)
        if found:
            return Clause(found, chain, chained=token is not verb)
        if token is not verb and token_lemma(token) in OBJECT_CONTROL and chain and children(token, {"dobj"}):
            # object control: "led EU authorities to refer", and "helping young militants
            # join": the object does it, whether or not it names an actor
            return Clause(children_actors(token, {"dobj"}, index), chain, chained=True)
        noun = _control_noun(token)
        if noun is not None:
            # "[Giuliani's attempts] to encourage", "[attempts by Giuliani] to": the owner does it;
            # "[made the decision] to ban X": the subject of the verb the noun hangs on does
            owners = children_actors(noun, {"poss"}, index) + [
                a for p in children(noun, {"prep"}) if p.lower_ == "by" for a in pobj_actors(p, index)
            ]
            chain.append(noun)
            if owners:
                return Clause(owners, chain, chained=True)
            if noun.dep_ != "dobj" or token_lemma(noun.head).lower() not in LIGHT_VERBS:
                break  # "welcomed [the decision] to sue": whose decision, it does not say
            chain.append(noun.head)
            chain_link = "dobj"
            token = noun.head
            continue
        if token.dep_ == "relcl":
            # "Apple, which sued Cisco": the relative pronoun stands for the head noun
            if any(c.tag_ in {"WDT", "WP"} and c.dep_ in SUBJECT_DEPS for c in token.children):
                return Clause(actors(token.head, index), chain, chained=True)
            break
        head = _governor(token)
        if head is None:
            break
        chain.append(head)
        chain_link = token.dep_
        token = head
    return Clause([], chain, chained=False)


def _control_noun(token: Token) -> Token | None:
    """The noun whose "to" clause ``token`` heads: "[decision] to ban", "[attempts] to encourage"."""
    head = token.head
    if token.dep_ != "acl" or head.pos_ != "NOUN" or token_lemma(head).lower() not in CONTROL_NOUNS:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None
    return head


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
    if head.i == token.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    return head


def left_group(verb: Token, index: ActorIndex) -> list[Mention]:
    """Actors written right before a verb the parse left without a subject ("Meta and
    Spotify criticize ...", where the model read "Spotify" as a verb)."""
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
JOINT_NOUNS = frozenset({"conjunction", "concert", "coordination", "cooperation", "collaboration", "partnership", "tandem"})
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
