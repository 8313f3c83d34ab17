"""The grammar's constructions, one module per family.

Importing this package registers every rule in ``graphbuild.grammar.registry.RULES``.
``ordered_rules`` gives them in the order their frames are read for a token: by family as
``FAMILIES`` lists them, then as each module defines them. The order decides which of two
equally confident triples for the same pair is kept, so it is part of the output.
"""

from __future__ import annotations

import importlib

from graphbuild.grammar.registry import RULES, Rule

FAMILIES = (
    "verbs",
    "labels",
    "speech",
    "demands",
    "boycott",
    "copula",
    "nouns",
    "giving",
    "joint",
    "versus",
    "state_action",
    "places",
)
# each family's module registers its rules when imported: a new family is one name above
_MODULES = tuple(importlib.import_module(f"{__name__}.{family}") for family in FAMILIES)


def ordered_rules() -> list[Rule]:
    """Every registered rule, in the order extraction runs them.

    Raises:
        ValueError: a rule's module is not a family listed in ``FAMILIES``.
    """
    unknown = {r.family for r in RULES} - set(FAMILIES)
    if unknown:
        raise ValueError(
            f"Rule families {sorted(unknown)} are not in FAMILIES; add them where they belong in the order."
        )
    return sorted(RULES, key=lambda r: FAMILIES.index(r.family))
