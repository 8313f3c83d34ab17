"""Hand-built triples and graphs for the graph, store, canned, export and output tests.

Nothing here needs the spaCy model: a ``Triple`` is plain data, so the factory below fills
in the fields a real extraction would (offsets, polarity, intensity) consistently.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphbuild.graph import KnowledgeGraph, build_graph
from graphbuild.types import Article, Triple
from graphbuild.vocab import RELATIONS

# The articles behind the canned-question graph. a3 and a6 have no date; a4 is older than a2,
# so ordering by date and ordering by article id disagree.
DATES: dict[str, str | None] = {
    "a1": "2024-01-10",
    "a2": "2024-03-05",
    "a3": None,
    "a4": "2024-02-01",
    "a5": "2024-04-01",
    "a6": None,
}


def triple(
    subject: str,
    relation: str,
    object: str,
    *,
    article: str = "a1",
    date: str | None = None,
    negated: bool = False,
    sentence_start: int = 0,
    confidence: float = 0.9,
    subject_text: str | None = None,
    object_text: str | None = None,
    subject_type: str = "organization",
    object_type: str = "organization",
    verb: str | None = None,
    modality: str = "asserted",
    rule: str = "test-rule",
    attribution: str = "",
) -> Triple:
    """A triple as normalization would produce it, with offsets that agree with the sentence.

    >>> t = triple("Cisco", "SUES", "Apple", sentence_start=10)
    >>> t.sentence[t.object_start - 10:t.object_end - 10]
    'Apple'
    """
    kind = RELATIONS[relation]
    subject_text = subject if subject_text is None else subject_text
    object_text = object if object_text is None else object_text
    verb = relation.lower().replace("_", " ") if verb is None else verb
    said = f"did not {verb}" if negated else verb
    sentence = f"{subject_text} {said} {object_text}."
    object_offset = len(subject_text) + 1 + len(said) + 1
    return Triple(
        article=article,
        subject=subject,
        subject_type=subject_type,
        object=object,
        object_type=object_type,
        relation=relation,
        verb=verb,
        polarity=kind.polarity,
        intensity=kind.intensity,
        negated=negated,
        modality=modality,
        confidence=confidence,
        sentence=sentence,
        sentence_start=sentence_start,
        sentence_end=sentence_start + len(sentence),
        subject_start=sentence_start,
        subject_end=sentence_start + len(subject_text),
        object_start=sentence_start + object_offset,
        object_end=sentence_start + object_offset + len(object_text),
        subject_text=subject_text,
        object_text=object_text,
        rule=rule,
        date=date,
        attribution=attribution,
    )


def dated(subject: str, relation: str, object: str, *, article: str, **kwargs) -> Triple:
    """A triple from one of the articles in ``DATES``, carrying that article's date."""
    return triple(subject, relation, object, article=article, date=DATES[article], **kwargs)


def articles() -> list[Article]:
    return [Article(id=a, text=f"text of {a}", title=f"Title {a}", date=d, source="wire") for a, d in DATES.items()]


def world_triples() -> list[Triple]:
    """Six actors with cooperation, conflict, a negated conflict, a neutral link and a self-loop.

    Acme is written "Acme Corp" once and Dynamo "Dynamo Holdings" once, so both have an alias.
    """
    return [
        # cooperation
        dated("Acme", "SIGNS_DEAL_WITH", "Borealis", article="a1", sentence_start=0, subject_text="Acme Corp"),
        dated("Acme", "SIGNS_DEAL_WITH", "Borealis", article="a2", sentence_start=0),
        dated("Borealis", "ALLIES_WITH", "Acme", article="a3", sentence_start=0),
        dated("Acme", "SUPPORTS", "Cobalt", article="a1", sentence_start=100),
        dated("Dynamo", "AIDS", "Cobalt", article="a3", sentence_start=30),
        dated("Flux", "INVESTS_IN", "Ember", article="a4", sentence_start=300),
        dated("Cobalt", "SIGNS_DEAL_WITH", "Ember", article="a5", sentence_start=200, negated=True),
        # neutral
        dated("Acme", "COMMENTS_ON", "Dynamo", article="a1", sentence_start=300),
        # conflict; the a4 sentence at 120 comes before the one at 0 on purpose
        dated("Cobalt", "SUES", "Dynamo", article="a4", sentence_start=120),
        dated("Cobalt", "SUES", "Dynamo", article="a2", sentence_start=50, object_text="Dynamo Holdings"),
        dated("Cobalt", "SUES", "Dynamo", article="a4", sentence_start=0),
        dated("Cobalt", "CRITICIZES", "Dynamo", article="a5", sentence_start=80),
        dated("Dynamo", "THREATENS", "Cobalt", article="a5", sentence_start=0),
        dated("Dynamo", "CRITICIZES", "Cobalt", article="a6", sentence_start=0),
        dated("Dynamo", "CRITICIZES", "Cobalt", article="a3", sentence_start=60),
        dated("Ember", "SANCTIONS", "Dynamo", article="a4", sentence_start=60),
        dated("Acme", "ACCUSES", "Dynamo", article="a3", sentence_start=90, negated=True),
        dated("Acme", "COMPETES_WITH", "Ember", article="a1", sentence_start=200),
        dated("Borealis", "OPPOSES", "Ember", article="a6", sentence_start=40),
        dated("Flux", "CRITICIZES", "Flux", article="a4", sentence_start=400),
    ]


def build(triples: Iterable[Triple], arts: Iterable[Article] = ()) -> KnowledgeGraph:
    kg, _ = build_graph(arts, triples)
    return kg


def world() -> KnowledgeGraph:
    return build(world_triples(), articles())


def edge_cases() -> KnowledgeGraph:
    """``world()`` and names that are hard to match alike everywhere: accents, a sharp s whose
    case-folding differs from its lower case, Greek, an apostrophe, Cypher's own quotes."""
    extra = [
        dated("Société Générale", "SUES", "Zürich Rück", article="a2", sentence_start=400),
        dated("Straße AG", "SIGNS_DEAL_WITH", "Société Générale", article="a5", sentence_start=300),
        dated("Ελληνική Εταιρεία", "CRITICIZES", "Straße AG", article="a6", sentence_start=200, subject_text="ΕΕ"),
        dated("O'Neil Group", "SUPPORTS", "Zürich Rück", article="a3", sentence_start=200),
        dated("Acme", "OPPOSES", "O'Neil Group", article="a4", sentence_start=500, object_text="O'Neil Group'}) //"),
    ]
    return build([*world_triples(), *extra], articles())
