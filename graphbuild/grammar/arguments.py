"""Arguments: which actors a noun phrase names.

Arguments are expanded over coordination and apposition; owners stand for what they own
("Apple's response" is Apple); role nouns stand for their organisation ("EU authorities");
a nationality adjective on an institution stands for its state ("an Austrian court"). Who
carries out a verb is ``clauses``'s.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from graphbuild.grammar.entities import is_product_name
from graphbuild.grammar.groups import ROLE, STATE, agent_kind, is_nationality, modified_noun, stands_for_state
from graphbuild.grammar.lexicon import (
    BUSINESS_DESCRIPTIONS,
    GOV_DESCRIPTIONS,
    NOT_OWNED,
    OWNED_NOUNS,
    OWNER_PARTICIPLES,
    PLACE_HEADS,
    QUANTITY_HEADS,
    ROLE_PREPS,
    TARGET_HEADS,
    THING_HEADS,
)
from graphbuild.grammar.mentions import ActorIndex
from graphbuild.grammar.names import is_name_length
from graphbuild.grammar.syntax import (
    ANY_SUBJECT_DEPS,
    OWNER_DEPS,
    children,
    is_passive,
    token_at,
)
from graphbuild.nlp import token_lemma
from graphbuild.types import Mention

# Prepositions after which an owned thing names who it belongs to, beside "of": "a request
# [from] Yemen", "calls [by] Belarus".
OWNER_PREPS = frozenset({"by", "from"})
# Prepositions after which an agreement names its parties: "a deal [with] X", "[between] X and Y".
PARTY_PREPS = frozenset({"with", "between"})
# A thing as an argument: laws, agreements, orders, rules and plans are typed law, and only
# ever the target of a stance towards them.
THING_LABEL = "LAW"
# Labels of arguments that never act, and of those that are targets of a stance only.
NEVER_ACT = frozenset({THING_LABEL, "EVENT", "WORK_OF_ART", "LOC", "FAC"})
THINGS = frozenset({THING_LABEL, "EVENT", "WORK_OF_ART"})
THING_RELATIONS = frozenset({"CRITICIZES", "OPPOSES", "BLOCKS", "PROTESTS", "SUES", "SUPPORTS"})
# Relations of buying, whose target is never a place, and the labels of places.
PURCHASE_RELATIONS = frozenset({"ACQUIRES"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
# How deep owners, appositions and "of" phrases are followed from the head noun.
MAX_DEPTH = 2
# Links through which words name the same participant as their head: modifiers, owners and
# appositions ("the [Italian] minister, [Mario] [Rossi]").
_SAME_PARTICIPANT_DEPS = frozenset({"appos", "amod", "compound", "nmod", "poss"})
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
    rift between Peru and Chile, [...] Velt replied" the parser's last conjunct, after the
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
                # "Nordvast, Osteria's largest exporter": the country a business trades from does not act
                business = token_lemma(child).lower() in BUSINESS_DESCRIPTIONS
                group.extend(
                    m
                    for m in actors(child, index, depth + 1)
                    if m not in group and not (business and m.label in PLACE_LABELS)
                )
        return [as_state(m, token, index) for m in group]
    direct = index.referents(token)
    if direct:
        return direct
    if depth > MAX_DEPTH or _describes_next_name(token, index):
        return []
    if token.tag_ in {"WDT", "WP"} and token.dep_ in {"dobj", "pobj"} and token.head.dep_ == "relcl":
        # "Canada, which he thanked": the relative pronoun is the noun its clause describes
        return actors(token.head.head, index, depth + 1)
    lemma = token_lemma(token).lower()
    if lemma in NOT_OWNED:
        return []  # "a Facebook user" is not Facebook
    if (QUANTITY_HEADS | PLACE_HEADS) & {lemma, token.lower_}:
        # "thousands of Kurds", "a group of refugees", "the town of Cizre"
        return [a for prep in children(token, {"prep"}) if prep.lower_ == "of" for a in pobj_actors(prep, index)]
    if agent_kind(token) in {STATE, ROLE}:
        # "Both heads of Kestrel, Ana Velt, and Vantage, Tom Bale": every actor named;
        # "a court in Guyana": the state it belongs to
        return _phrase_actors(token, index, frozenset({"of"})) or _phrase_actors(token, index, ROLE_PREPS)
    owned = _owners(token, lemma, index, depth) or _thing(token, lemma)
    if not owned and lemma in TARGET_HEADS:  # "fired at targets in Kelvia": the place aimed at
        return [
            a for prep in children(token, {"prep"}) if prep.lower_ in {"in", "of"} for a in pobj_actors(prep, index)
        ]
    return owned + [m for m in _examples(token, index) if m not in owned]


def _examples(token: Token, index: ActorIndex) -> list[Mention]:
    """The actors a plural noun is given examples of: "carmakers [such as] Kestrel Motors",
    "states [including] Osteria and Velt", "firms [like] Vantage Mobile"."""
    if token.tag_ not in {"NNS", "NNPS"}:
        return []
    return [
        a
        for prep in children(token, {"prep"})
        if prep.lower_ in {"including", "like"}
        or (prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children))
        for a in pobj_actors(prep, index)
    ]


def _thing(token: Token, lemma: str) -> list[Mention]:
    """A law, agreement or plan that no owner is written for is itself the target: "the
    Senate rejected the farm bill". Named by its compound nouns ("farm bill"); a bare "the
    bill" names nothing (references read it when a named law was written earlier)."""
    if lemma not in THING_HEADS:
        return []
    words = [c for c in token.children if c.dep_ == "compound" and c.pos_ in {"NOUN", "PROPN"} and c.i < token.i]
    if not words:
        return []
    first = token.doc[min(c.i for c in words)]
    text = token.doc[first.i : token.i + 1].text
    if not is_name_length(text):
        return []
    return [Mention(text=text, label=THING_LABEL, start=first.idx, end=token.idx + len(token.text))]


def participant(token: Token) -> Token:
    """The word that stands for the one participant a word helps to name: "Italian" and
    "Rossi" in "the Italian minister, Mario Rossi" both stand for "minister". Two names in
    apposition are a list the parser misread ("the US, Russia, and Switzerland")."""
    while token.dep_ in _SAME_PARTICIPANT_DEPS and token.head != token:
        if token.dep_ == "appos" and token.pos_ == token.head.pos_ == "PROPN":
            break
        token = token.head
    return token


def same_participant(sent: Span, a: Mention, b: Mention) -> bool:
    """Do two mentions of a sentence name one participant, as an apposition and the noun it
    describes do? Then they are never each other's partners."""
    if a.start == b.start:
        return False  # one word for several: "both sides"
    first, second = token_at(sent, a.start), token_at(sent, b.start)
    return first is not None and second is not None and participant(first) == participant(second)


def fits(relation: str, subject: Mention, target: Mention) -> bool:
    """Can these arguments stand in the relation? A law, rule or plan never acts, and is a
    target only of criticism, opposition or support (the annotation rules' reading); an
    event ("the Gulf war", "Operation Peace Spring"), a work, a place, and a product the word
    lists know ("the iPhone", "Airbus A350") never act either, and an event, a work or such a
    product is a target of a stance only ("criticised the iPhone"). A name only the model
    takes for a product ("the Peshmerga") is read as it acts. A place is never bought ("took
    over the city of X" is a conquest, not a purchase)."""
    if relation in PURCHASE_RELATIONS and target.label in PLACE_LABELS:
        return False
    if subject.label in NEVER_ACT or _known_product(subject):
        return False
    return (target.label not in THINGS and not _known_product(target)) or relation in THING_RELATIONS


def _known_product(mention: Mention) -> bool:
    return mention.label == "PRODUCT" and is_product_name(mention.text.split())


def _describes_next_name(token: Token, index: ActorIndex) -> bool:
    """ "the Velmoran supplier Pellmar Energy", parsed as two subjects: the noun describes the
    name written right after it, which the parser made its sibling."""
    doc = token.doc
    if token.pos_ != "NOUN" or token.i + 1 >= len(doc) or index.named(doc[token.i + 1]) is None:
        return False
    name = doc[token.i + 1]
    while name.head != name and name.dep_ == "compound":
        name = name.head
    return name.head == token.head and name.dep_ == token.dep_


def _phrase_actors(token: Token, index: ActorIndex, preps: frozenset[str]) -> list[Mention]:
    """The actors named in a role noun's phrase, a nationality standing for its state where
    the role serves one ("Iraqi troops"), and for nobody where it does not ("his American
    lawyer")."""
    found: list[Mention] = []
    for t in phrase_tokens(token, preps):
        for mention in index.actors_at(t):
            noun = modified_noun(t)
            if noun is not None and is_nationality(mention, t) and not stands_for_state(noun):
                continue
            found.append(_people_state(as_state(mention, t, index), token, index))
    return found


def _people_state(mention: Mention, token: Token, index: ActorIndex) -> Mention:
    """The government of a people named by its nationality is its state: "Chinese citizens
    criticised their government" criticises China."""
    if mention.label != "NORP" or token.lower_ not in GOV_DESCRIPTIONS:
        return mention
    country = index.country_of(mention.text.split()[0])
    return replace(mention, text=country, label="GPE") if country else mention


def _owners(token: Token, lemma: str, index: ActorIndex, depth: int) -> list[Mention]:
    """The actors a common noun belongs to: "Apple's response", "the plan of France"."""
    found: list[Mention] = []
    for child in token.children:
        named = index.named(child)
        if named is not None and _names_place(named, child) and not stands_for_state(token):
            continue  # "French plants", "Albanian rebel-held territory", "a Moscow office": no party
        if child.dep_ in OWNER_DEPS or child.dep_ == "appos":
            found.extend(actors(child, index, depth + 1))
        elif child.dep_ == "amod" and named is not None:
            found.extend(actors(child, index, depth + 1))  # "Turkish aggression"
        elif child.dep_ == "prep" and _owner_prep(child, token, lemma):
            # "the plan of France", "a request from Yemen", "calls by Belarus"
            found.extend(a for pobj in children(child, {"pobj"}) for a in actors(pobj, index, depth + 1))
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            # "crimes committed by Osteria", "the stake held by the government"
            found.extend(a for prep in children(child, {"agent"}) for a in pobj_actors(prep, index))
    if not found and lemma in OWNED_NOUNS:
        found = [a for prep in _stray_by(token) for a in pobj_actors(prep, index)]
    return found


def _stray_by(noun: Token) -> list[Token]:
    """A "by" the parse hung on the active verb right after the noun: "opened an inquiry into
    misconduct [by] X" is X's misconduct, for an active verb has no agent."""
    after = noun.right_edge.i + 1
    if after >= len(noun.doc) or noun.dep_ not in {"pobj", "dobj"}:
        return []
    prep = noun.doc[after]
    verb = prep.head
    if prep.lower_ != "by" or prep.dep_ != "prep" or verb.pos_ != "VERB" or is_passive(verb):
        return []
    return [prep] if verb.i < noun.i and noun in verb.subtree else []


def _names_place(mention: Mention, token: Token) -> bool:
    """A nationality, or a place's name written before a noun: "French", "Moscow" in "a
    Moscow design centre"."""
    return is_nationality(mention, token) or (mention.label in {"GPE", "LOC"} and token.dep_ == "compound")


def _owner_prep(prep: Token, noun: Token, lemma: str) -> bool:
    """Does the preposition introduce the owner of what the noun names?"""
    if prep.lower_ == "of":
        return lemma in OWNED_NOUNS or noun.pos_ in {"NUM", "PRON"}
    if prep.lower_ in PARTY_PREPS:  # "endorsed an agreement with the EU": its parties, as
        return lemma in THING_HEADS and noun.dep_ not in ANY_SUBJECT_DEPS  # a target only
    return prep.lower_ in OWNER_PREPS and lemma in OWNED_NOUNS


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
            if (
                child.tag_ == "VBN"
                and child.dep_ == "amod"
                and not OWNER_PARTICIPLES & {child.lower_, token_lemma(child)}
            ):
                continue  # "the Geneva-based agency" is not Geneva; "the US-led force" is the US's
            if child.dep_ in OWNER_DEPS and current.ent_type_ and child.ent_type_:
                continue  # "leaders of Egypt's Muslim Brotherhood": the Brotherhood, not Egypt
            # a preposition of the head, or of an adjective written after it ("attorneys
            # general [from] Ohio"); below, only "of"
            own = current is token or (current.dep_ == "amod" and current.i > token.i and current.head == token)
            if child.dep_ == "prep" and (child.lower_ not in preps or (not own and child.lower_ != "of")):
                continue
            stack.append(child)
    seen: set[int] = set()
    ordered = []
    for t in sorted(out, key=lambda t: t.i):
        if t.i not in seen:
            seen.add(t.i)
            ordered.append(t)
    return ordered


def as_state(mention: Mention, token: Token, index: ActorIndex) -> Mention:
    """A nationality adjective on a state's institution, thing or act stands for the state:
    "an Austrian court", "Syrian positions", "Turkish aggression" (``groups.stands_for_state``)."""
    noun = modified_noun(token)
    if mention.label == "NORP" and noun is not None and not mention.surface and stands_for_state(noun):
        country = index.country_of(mention.text)
        if country:
            return replace(mention, text=country, label="GPE")
    return mention


def modifier_actors(token: Token, index: ActorIndex) -> list[Mention]:
    """The actor a modifier of an event noun names: "Israeli tank shelling" is Israel's."""
    return [as_state(m, token, index) for m in index.actors_at(token)]


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
