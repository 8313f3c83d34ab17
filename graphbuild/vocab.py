"""Controlled vocabularies: relation types, polarity, actor types.

This is the only place relationship types and node labels are named. Both backends take
their names from here, and Neo4j writes check every name against ``SAFE_NAME`` before use,
because relationship types cannot be Cypher parameters.

Relation types follow the CAMEO event categories (the two-digit root in ``cameo``) with the
corporate verbs added; ``intensity`` is a Goldstein-like score from -10 (war) to +10
(merger of states), taken from the CAMEO root's Goldstein weight and adjusted where a
corporate reading is milder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graphbuild.errors import VocabularyError

COOPERATION = "cooperation"
CONFLICT = "conflict"
NEUTRAL = "neutral"
POLARITIES = (COOPERATION, CONFLICT, NEUTRAL)

SAFE_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


@dataclass(frozen=True, slots=True)
class RelationType:
    name: str
    polarity: str
    intensity: float
    cameo: str
    description: str
    symmetric: bool = False  # cooperation between equals: one edge stands for both directions


_RELATIONS = (
    # -- conflict ---------------------------------------------------------------------------
    RelationType("CRITICIZES", CONFLICT, -2.0, "11", "criticizes, condemns or complains about"),
    RelationType("ACCUSES", CONFLICT, -2.0, "112", "accuses, blames or labels"),
    RelationType("SUES", CONFLICT, -3.0, "115", "sues or brings a legal case against"),
    RelationType("INVESTIGATES", CONFLICT, -2.0, "09", "investigates or probes"),
    RelationType("OPPOSES", CONFLICT, -4.0, "12", "opposes, rejects or stands against"),
    RelationType("BLOCKS", CONFLICT, -4.0, "12", "blocks, vetoes or obstructs"),
    RelationType("COMPETES_WITH", CONFLICT, -1.0, "", "competes with or is a rival of"),
    RelationType("DEFEATS", CONFLICT, -3.0, "", "defeats or beats (a contest, a bid)"),
    RelationType("DISPUTES_WITH", CONFLICT, -2.0, "", "is in a dispute or feud with"),
    RelationType("DEMANDS", CONFLICT, -5.0, "10", "demands of"),
    RelationType("THREATENS", CONFLICT, -6.0, "13", "threatens or warns"),
    RelationType("PROTESTS", CONFLICT, -6.5, "14", "protests or boycotts"),
    RelationType("MOBILIZES_AGAINST", CONFLICT, -7.2, "15", "mobilizes or deploys forces against"),
    RelationType("REDUCES_RELATIONS", CONFLICT, -4.0, "16", "cuts ties, suspends aid or talks, withdraws from a deal"),
    RelationType("COERCES", CONFLICT, -5.0, "17", "orders, compels or forces"),
    RelationType("FINES", CONFLICT, -5.0, "172", "fines or imposes penalties on"),
    RelationType("BANS", CONFLICT, -5.0, "172", "bans or bars"),
    RelationType("SANCTIONS", CONFLICT, -8.0, "163", "sanctions or embargoes"),
    RelationType("EXPELS", CONFLICT, -5.0, "174", "expels or ousts"),
    RelationType("ARRESTS", CONFLICT, -7.0, "173", "arrests or detains"),
    RelationType("ATTACKS", CONFLICT, -9.0, "18", "attacks, strikes or kills"),
    RelationType("INVADES", CONFLICT, -9.5, "19", "invades or occupies"),
    RelationType("FIGHTS", CONFLICT, -10.0, "19", "fights or wages war on"),
    # -- cooperation ------------------------------------------------------------------------
    RelationType("SUPPORTS", COOPERATION, 3.5, "05", "supports, backs, endorses or praises"),
    RelationType("AGREES_WITH", COOPERATION, 4.0, "03", "agrees with or sides with", True),
    RelationType("COLLABORATES_WITH", COOPERATION, 6.0, "06", "collaborates or partners with", True),
    RelationType("ALLIES_WITH", COOPERATION, 6.5, "05", "allies or unites with", True),
    RelationType("SIGNS_DEAL_WITH", COOPERATION, 7.0, "057", "signs a deal or agreement with", True),
    RelationType("SETTLES_WITH", COOPERATION, 5.0, "08", "settles a dispute with", True),
    RelationType("MERGES_WITH", COOPERATION, 7.0, "06", "merges with", True),
    RelationType("ACQUIRES", COOPERATION, 5.0, "06", "acquires or buys a stake in"),
    RelationType("INVESTS_IN", COOPERATION, 6.0, "061", "invests in"),
    RelationType("CONTRACTS_WITH", COOPERATION, 5.0, "06", "awards a contract to or supplies"),
    RelationType("AIDS", COOPERATION, 7.0, "07", "gives aid or help to"),
    RelationType("YIELDS_TO", COOPERATION, 5.0, "08", "yields to: eases restrictions, releases, allows, retreats"),
    # CAMEO counts consultation (04) as verbal cooperation: meeting is a step towards each other
    RelationType("MEETS", COOPERATION, 1.0, "04", "meets, visits or holds talks with", True),
    RelationType("NEGOTIATES_WITH", COOPERATION, 3.5, "046", "negotiates with", True),
    # -- neutral ----------------------------------------------------------------------------
    RelationType("COMMENTS_ON", NEUTRAL, 0.0, "01", "comments on, responds or reacts to"),
)

RELATIONS: dict[str, RelationType] = {r.name: r for r in _RELATIONS}

# Actor types: NER labels that can name an actor, and the type the graph gives it.
ACTOR_TYPES: dict[str, str] = {
    "ORG": "organization",
    "PERSON": "person",
    "GPE": "government",
    "NORP": "group",
    "LAW": "law",
    "LOC": "place",
    "FAC": "place",
    "PRODUCT": "product",
    "EVENT": "event",
}
UNKNOWN_TYPE = "unknown"
ORGANIZATION = "organization"
# An organisation its names show to be a business ("Apple Inc.", "Helix Robotics").
COMPANY = "company"
# (known type, better type): a later mention may make an actor's type more precise, never
# change it otherwise; the first type learned wins.
REFINEMENTS: frozenset[tuple[str, str]] = frozenset(
    {(UNKNOWN_TYPE, t) for t in (*set(ACTOR_TYPES.values()), COMPANY)} | {(ORGANIZATION, COMPANY)}
)


def refines(known: str, new: str) -> bool:
    """Whether ``new`` is a more precise type than ``known`` for the same actor.

    >>> refines("organization", "company"), refines("company", "organization")
    (True, False)
    """
    return (known, new) in REFINEMENTS


NODE_LABEL = "Actor"
ARTICLE_LABEL = "Article"
MENTIONS = "MENTIONS"  # (:Article)-[:MENTIONS]->(:Actor): from a link's actors to its sources
SCHEMA_LABEL = "GraphbuildSchema"  # one node holding the version of the schema a database is in
# Neo4j secondary labels by actor type, so Browser can colour them.
TYPE_LABELS: dict[str, str] = {
    "organization": "Organization",
    "company": "Company",
    "person": "Person",
    "government": "Government",
    "group": "Group",
    "law": "Law",
    "place": "Place",
    "product": "Product",
    "event": "Event",
    UNKNOWN_TYPE: "Unknown",
}

MODALITIES = ("asserted", "hypothetical", "planned", "reported")

# In Neo4j a denied link has a type of its own, NOT_<RELATION>: a pattern such as
# (a)-[:SUES]->(b) then finds only suits the text asserts, and Browser draws denials grey.
DENIED_PREFIX = "NOT_"


def link_type(relation: str, negated: bool) -> str:
    """The Neo4j relationship type of a link.

    >>> link_type("SUES", False), link_type("SUES", True)
    ('SUES', 'NOT_SUES')
    """
    return f"{DENIED_PREFIX}{relation}" if negated else relation


def relation(name: str) -> RelationType:
    """Look up a relation type by name.

    >>> relation("SUES").polarity
    'conflict'
    """
    try:
        return RELATIONS[name]
    except KeyError:
        raise VocabularyError(f"Unknown relation type {name!r}. Known types: {', '.join(sorted(RELATIONS))}.") from None


@cache
def _known_names() -> frozenset[str]:
    return frozenset(
        set(RELATIONS)
        | {link_type(r, True) for r in RELATIONS}
        | set(TYPE_LABELS.values())
        | {NODE_LABEL, ARTICLE_LABEL, MENTIONS, SCHEMA_LABEL}
    )


def check_name(name: str) -> str:
    """Return ``name`` if it is a vocabulary name safe to write into Cypher, else raise.

    Relationship types and labels cannot be Cypher parameters, so every one that is written
    into a query passes through here.
    """
    if name not in _known_names():
        raise VocabularyError(f"{name!r} is not in graphbuild's vocabulary.")
    if not SAFE_NAME.match(name.upper()):
        raise VocabularyError(f"{name!r} is not a safe Cypher name (expected {SAFE_NAME.pattern}).")
    return name
