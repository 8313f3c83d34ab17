"""Actors that are not names: groups of people, and what a nationality adjective stands for.

News names many actors by what they are: "protesters", "Syrian rebels", "a Saudi
businessman", "dissidents from Egypt", "Iraqi troops". The agent nouns come from the
Phoenix dictionary (``data/words/*_agents.tsv``) and our own lists, by kind:

- a state's institutions and servants ("troops", "court", "police"): a nationality
  adjective before them stands for the state ("Iraqi troops" is Iraq); ``arguments`` reads
  them as role nouns;
- people who act for themselves ("farmers", "rebels", "businessman"): a group of its own,
  named by its words, never the state ("French farmers", "rebels in Ivory Coast");
- people named by no role ("men", "children"): a group only with a nationality, a name or a
  place ("two Brazilian men").

``find_groups`` adds the group mentions to the article's index before references are
resolved, so "they" and "the rebels" can refer to them; a group takes in the name that
qualifies it ("Afghan" in "Afghan civilians" is no longer an actor of its own).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from graphbuild.grammar.lexicon import (
    DEMONYMS,
    GROUP_AGENTS,
    GROUP_HEADS,
    GROUP_NOUNS,
    NAMED_GROUP_HEADS,
    NOT_OWNED,
    PEOPLE_AGENTS,
    PRIVATE_ROLES,
    PRIVATE_THINGS,
    ROLE_NOUNS,
    STATE_AGENTS,
)
from graphbuild.grammar.names import is_name_length
from graphbuild.nlp import token_lemma
from graphbuild.types import Mention

if TYPE_CHECKING:
    from graphbuild.grammar.mentions import ActorIndex

GROUP, PEOPLE, STATE, ROLE = "group", "people", "state", "role"
GROUP_LABEL = "NORP"  # the entity label of a group: the graph types it "group"
# Prepositions after which a place or a name says whose a group is: "rebels [in] X".
PLACE_PREPS = frozenset({"in", "from", "of"})
# Modifiers that are part of a group's name.
NAME_DEPS = frozenset({"amod", "compound", "nmod"})
_DEFINITE = frozenset({"the", "these", "those"})
# Prefixes that say which side a group takes: "[pro]-Russia rebels", "[anti]-government".
SIDE_PREFIXES = frozenset({"pro", "anti"})


def forms(token: Token) -> list[str]:
    """The words a noun may be listed under: its lemma, as written, and its singular."""
    return list(_forms(token_lemma(token).lower(), token.lower_))


@lru_cache(maxsize=1 << 16)
def _forms(lemma: str, lower: str) -> tuple[str, ...]:
    words = [lemma, lower]
    for word in list(words):
        if word.endswith("ies"):
            words.append(word[:-3] + "y")
        if word.endswith("es"):
            words.append(word[:-2])
        if word.endswith("s"):
            words.append(word[:-1])
    return tuple(dict.fromkeys(words))


def agent_kind(token: Token) -> str | None:
    """What kind of agent a noun names: ``state``, ``role`` (stands for its organisation),
    ``group``, ``people``, or None."""
    return _agent_kind(token_lemma(token).lower(), token.lower_)


@lru_cache(maxsize=1 << 16)
def _agent_kind(lemma: str, lower: str) -> str | None:
    words = _forms(lemma, lower)
    if any(w in NOT_OWNED for w in words[:2]):
        return PEOPLE  # "Kestrel dealers", "Facebook users": a group only with a name
    first = words[:2]  # the listed word as written wins over a singular guessed from it
    for candidates in (first, words):
        if any(w in PRIVATE_ROLES for w in candidates):
            return ROLE
        if any(w in STATE_AGENTS for w in candidates):
            return STATE
        if any(w in ROLE_NOUNS for w in candidates):
            return ROLE
        if any(w in GROUP_HEADS or w in GROUP_AGENTS or w in NAMED_GROUP_HEADS for w in candidates):
            return GROUP
        if any(w in PEOPLE_AGENTS for w in candidates):
            return PEOPLE
    return None


def stands_for_state(noun: Token) -> bool:
    """Does a nationality adjective on ``noun`` name its state? Yes for a state's own
    institutions and servants ("Iraqi troops") and for what a state does or holds ("Turkish
    aggression", "a U.S. request", "Syrian positions"); no for private people and groups ("a
    Saudi businessman", "French farmers"), places and private bodies ("Albanian territory",
    "French plants", "Macedonian parties")."""
    kind = agent_kind(noun)
    if kind == STATE:
        return True
    if kind == ROLE:
        return not any(w in PRIVATE_ROLES for w in forms(noun))
    if kind in {GROUP, PEOPLE}:
        return False
    return not any(w in PRIVATE_THINGS for w in forms(noun))


def modified_noun(token: Token) -> Token | None:
    """The noun a modifier is written before: "troops" for "Iraqi" in "Iraqi troops", and for
    "Romanian" in "Hungarian and Romanian officials"."""
    if token.dep_ == "conj" and token.head.dep_ in NAME_DEPS:
        token = token.head
    return token.head if token.dep_ in NAME_DEPS and token.head != token else None


def is_nationality(mention: Mention, token: Token) -> bool:
    """A nationality adjective, or a country's name written as one ("US troops")."""
    return mention.label == "NORP" or (token.dep_ in NAME_DEPS and token.text in DEMONYMS)


def find_groups(doc: Doc, index: ActorIndex, *, definite: bool) -> None:
    """Add the article's group actors to ``index``.

    Run with ``definite=False`` before references are resolved (groups named by a name, a
    place, or a bare plural: "Syrian rebels", "rebels in X", "protesters"), and with
    ``definite=True`` after, for what references left: "the protesters" refers to a group
    written earlier when one has its head noun, else it is a group of its own.
    """
    for token in doc:
        if token.i in index.names or token.i in index.refs or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        if token.i not in index.kinds:  # the same for both runs
            index.kinds[token.i] = agent_kind(token)
        kind = index.kinds[token.i]
        if kind is None or kind == STATE or (kind == ROLE and stands_for_state(token)):
            continue  # a state's servant, or a role read through its organisation
        span = _group_span(token, index, kind, definite)
        if span is not None:
            _add(index, *span)


def _group_span(token: Token, index: ActorIndex, kind: str, definite: bool) -> tuple[int, int] | None:
    """Where the group's name starts and ends, if ``token`` heads a group."""
    if any(c.dep_ == "poss" for c in token.children):
        return None  # "Kestrel's workers": the owner's people, read as the owner
    named = [c for c in token.children if c.dep_ in NAME_DEPS and c.i < token.i and c.i in index.names]
    if kind == ROLE:  # "an American lawyer" is a group; "Cisco's lawyer" is read as Cisco
        named = [c for c in named if is_nationality(index.names[c.i], c)]
    # "Iran-backed militias", "London-based activists": a name inside a participle before it
    named += [
        t
        for c in token.children
        if c.dep_ == "amod" and c.tag_ == "VBN" and c.i < token.i
        for t in c.subtree
        if t.i < c.i and t.i in index.names
    ]
    if named:
        start = min(_span_of(index, c.i)[0] for c in named)
        doc = token.doc
        while start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in SIDE_PREFIXES:
            start -= 2  # "pro-Russia rebels"
        return start, token.i + 1
    if kind != GROUP:
        return None  # "men", "a lawyer": nobody in particular
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
            # a place or body by its name ("rebels in Osteria"), not another group
            places = [c for c in prep.children if c.dep_ == "pobj" and c.i in index.names]
            places = [c for c in places if index.names[c.i].text[:1].isupper()]
            if places:
                return _left_edge(token), _span_of(index, places[0].i)[1]
    if token.tag_ not in {"NNS", "NNPS"} or not any(w in GROUP_HEADS for w in forms(token)):
        return None  # "a student", "300 workers": nobody in particular
    if _is_definite(token) != definite:
        return None
    return _left_edge(token), token.i + 1


def _left_edge(token: Token) -> int:
    """The first of the compound nouns written before the head, and the number of states or
    parties, which says which group it is: "[student] protesters", "[twelve] states"; but
    "twelve civilians" are civilians."""
    counted = any(w in GROUP_NOUNS for w in forms(token))
    start = token.i
    for child in sorted(token.children, key=lambda t: -t.i):
        if child.i == start - 1 and (child.dep_ == "compound" or (child.dep_ == "nummod" and counted)):
            start = child.i
    return start


def _span_of(index: ActorIndex, i: int) -> tuple[int, int]:
    mention = index.names[i]
    for start, end, m in index.spans:
        if m is mention:
            return start, end
    return i, i + 1


def _is_definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children)


def _add(index: ActorIndex, start: int, end: int) -> None:
    span = index.doc[start:end]
    text = " ".join(span.text.split())
    if start not in index.names and not span[0].is_upper:
        # a common noun is capitalised only by where it stands: "Protesters marched" and
        # "police charged the protesters" name one group
        text = text[:1].lower() + text[1:]
    if not is_name_length(text):
        return
    index.add_span(start, end, Mention(text=text, label=GROUP_LABEL, start=span.start_char, end=span.end_char))
