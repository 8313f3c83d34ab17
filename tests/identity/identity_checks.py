"""Checks of a loaded graph's actors, shared by the identity tests and the measurement
script: aliases that name a different organisation, datelines and products as actors, and
acronyms the articles define left apart from their long forms."""

from __future__ import annotations

import re
from collections.abc import Iterable

from graphbuild.grammar.lexicon import (
    COMPANY_HEADS,
    CORPORATE_SUFFIXES,
    LEADING_WORDS,
    TRADE_WORDS,
    TRAILING_TITLES,
    WELL_KNOWN,
)
from graphbuild.graph import KnowledgeGraph, Node

ORG_TYPES = {"organization", "company"}
# words that never make a name another organisation's
_GENERIC = (
    COMPANY_HEADS
    | CORPORATE_SUFFIXES
    | TRADE_WORDS
    | TRAILING_TITLES
    | LEADING_WORDS
    | {"&", "and", "of", "the", "for"}
)
DATELINE = re.compile(r"^[A-Z][A-Z .'-]+ -|^.* - [A-Z]")


def words(name: str) -> list[str]:
    return [w.strip(",'’()").casefold() for w in name.replace("-", " ").split() if w.strip(",'’()")]


def is_acronym_of(short: str, long: str) -> bool:
    """Letters of ``short`` that all begin words of ``long`` ("PKK" for "Kurdistan Workers'
    Party", written in Kurdish; "BoA" for "Bank of America")."""
    letters = {c.casefold() for c in short if c.isalpha()}
    if not short[:1].isupper() or sum(c.isupper() for c in short) < 2 or " " in short.strip():
        return False
    return len(letters) > 1 and letters <= {w[0] for w in words(long)}


def other_organisation(node: Node, alias: str) -> bool:
    """Is ``alias`` the name of an organisation other than ``node``? It is when it has words of
    its own that are no trade, legal form or article ("Apple Corps" for Apple, "Apple TV"),
    or is a longer name that is not the node's name spelled out ("Cultural Organization" for
    UNESCO); not when it is the node's acronym, long form or a well-known variant."""
    if node.type not in ORG_TYPES or WELL_KNOWN.get(alias.casefold()) == node.name:
        return False
    core = " ".join(w for w in alias.split() if w.casefold() not in _GENERIC)  # "EADS N.V." is "EADS"
    if is_acronym_of(core, node.name) or is_acronym_of(node.name, alias):
        return False
    own, written = words(node.name), words(alias)
    if [w for w in written if w not in own and w not in _GENERIC]:
        return True  # "Apple Corps" for Apple
    # "Airbus" for the Airbus A320: the maker's name made a product's, or the like
    core = [w for w in written if w not in _GENERIC]
    return own[: len(core)] == core and any(w not in _GENERIC for w in own[len(core) :])


def wrong_merges(kg: KnowledgeGraph) -> list[tuple[str, str]]:
    return sorted((n.name, a) for n in kg.nodes.values() for a in n.aliases if other_organisation(n, a))


def dateline_actors(kg: KnowledgeGraph) -> list[str]:
    return sorted(n.name for n in kg.nodes.values() if " - " in n.name or n.name.endswith(" -"))


def product_actors(kg: KnowledgeGraph, products: Iterable[str]) -> list[str]:
    known = {p.casefold() for p in products}
    return sorted(n.name for n in kg.nodes.values() if words(n.name) and words(n.name)[-1] in known)


def acronyms_apart(kg: KnowledgeGraph, defined: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Defined (short, long) pairs that are two nodes of the graph."""
    apart = []
    for short, long in defined:
        a, b = kg.node_by_name(short), kg.node_by_name(long)
        if a is not None and b is not None and a.id != b.id:
            apart.append((short, long))
    return sorted(set(apart))
