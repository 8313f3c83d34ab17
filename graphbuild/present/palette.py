"""Colours, one set for every picture: Neo4j Browser's style and graphbuild render's pages.

Links are coloured by polarity (alliances green, disputes red, neutral grey); a denied link is
light grey wherever it is drawn. Actors are coloured by type.
"""

from __future__ import annotations

from graphbuild.vocab import CONFLICT, COOPERATION, TYPE_LABELS, UNKNOWN_TYPE

POLARITY_COLOURS = {COOPERATION: "#2E9E44", CONFLICT: "#E03C31"}
NEUTRAL_COLOUR = "#8C8C8C"
DENIED_COLOUR = "#C8C8C8"
# actor type -> (fill, border); types that are rarely actors share a quiet grey
TYPE_COLOURS: dict[str, tuple[str, str]] = {
    "government": ("#4C8EDA", "#2870C2"),
    "company": ("#F79767", "#F36924"),
    "organization": ("#C990C0", "#B261A5"),
    "person": ("#FFC454", "#D7A013"),
    "law": ("#DA7194", "#CC3C6C"),
    "group": ("#57C7E3", "#23B3D7"),
    "place": ("#A5ABB6", "#9AA1AC"),
    "product": ("#A5ABB6", "#9AA1AC"),
    "event": ("#A5ABB6", "#9AA1AC"),
    UNKNOWN_TYPE: ("#D9D9D9", "#BDBDBD"),
}
ARTICLE_COLOURS = ("#F5F0E1", "#BFB59A")
# the colours of the types news is mostly about, in words, for legends
TYPE_LEGEND = (
    ("government", "blue"),
    ("company", "orange"),
    ("organization", "purple"),
    ("person", "yellow"),
    ("law", "pink"),
    ("group", "cyan"),
)

assert set(TYPE_COLOURS) == set(TYPE_LABELS), "every actor type needs a colour"


def link_colour(polarity: str, negated: bool) -> str:
    """The colour of a link.

    >>> link_colour("conflict", False), link_colour("conflict", True)
    ('#E03C31', '#C8C8C8')
    """
    return DENIED_COLOUR if negated else POLARITY_COLOURS.get(polarity, NEUTRAL_COLOUR)
