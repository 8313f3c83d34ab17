"""Demands and threats: what one party asks or threatens another to do.

- ``demand``: "Spain called on Morocco to halt the drilling", "urged Israel to withdraw",
  "demanded the withdrawal of Korean troops" — a demand that a party stop or undo what it
  does is a dispute with it (DEMANDS). An appeal for anything else ("called on Osteria to
  send aid") is no dispute, and gives no link.
- ``demand-that``: "Japan demanded that Korea withdraw its troops".
- ``threat``: "Pakistan threatened to break off relations with Congo" — the threat itself is
  asserted, whatever becomes of the act: the one who threatens acts against the target of
  the act it threatens (THREATENS), when that act is a conflict.
- ``urge-against``: "Chile urged Peru to sanction Bolivia", "called for sanctions against
  Bolivia" — asking for action against a party stands against it (OPPOSES).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.grammar.arguments import actors, children_actors, pobj_actors
from graphbuild.grammar.clauses import subjects
from graphbuild.grammar.lexicon import DEMAND_VERBS, PHRASAL_BREAKING_VERBS, REQUEST_VERBS, STOP_VERBS
from graphbuild.grammar.registry import CONFIDENCE_CHAINED, Context, Frame, Rule, rule
from graphbuild.grammar.syntax import SUBJECT_DEPS, children, is_verbal, lemma_of, written
from graphbuild.nlp import token_lemma
from graphbuild.vocab import CONFLICT, RELATIONS

# What a party is asked to stop or undo, as a noun: "demanded [the withdrawal] of its troops". (Not
# "release": "the release of X's prisoners" is asked of whoever holds them, not of X.)
STOP_NOUNS = frozenset(
    {"withdrawal", "resignation", "removal", "halt", "end", "repeal", "lifting", "cessation", "closure"}
)
THREAT_VERBS = frozenset({"threaten"})
STOP_PARTICLES = frozenset({"down", "out", "back", "off"})  # "step down", "pull out", "back off"


def _stops(verb: Token) -> bool:
    """ "halt", "withdraw", "step down", "pull out": a verb of stopping or undoing."""
    lemma = lemma_of(verb)
    if lemma in STOP_VERBS:
        return True
    particle = next((c.lower_ for c in verb.children if c.dep_ in {"prt", "prep"} and c.lower_ in STOP_PARTICLES), "")
    return bool(particle) and (lemma in PHRASAL_BREAKING_VERBS or lemma in {"step", "back", "stand"})


def _asked(verb: Token) -> list[Token]:
    """Who is asked: the object ("urged X to"), or the object of "on" ("called on X to")."""
    found = children(verb, {"dobj"})
    found += [c for p in children(verb, {"prep"}) if p.lower_ in {"on", "upon"} for c in children(p, {"pobj"})]
    return found


def subject_frame(
    verb: Token, ctx: Context, targets: list, words: list[Token], name: str, relation: str = "DEMANDS"
) -> Iterator[Frame]:
    """``verb``'s subject stands in ``relation`` (a demand, by default) to ``targets``."""
    if not targets:
        return
    clause = subjects(verb, ctx.index)
    yield Frame(
        relation,
        clause.actors,
        targets,
        written(words),
        name,
        verb,
        clause.chain,
        children(verb, SUBJECT_DEPS),
        CONFIDENCE_CHAINED,
        trigger=lemma_of(verb),
    )


@rule("demand", on=is_verbal)
def demand_to_stop(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "called on X to halt", "urged X to withdraw", "demanded the release of X's prisoners"."""
    if lemma_of(verb) not in DEMAND_VERBS:
        return
    index = ctx.index
    asked = _asked(verb)
    for comp in children(verb, {"xcomp"}):
        if _stops(comp):
            targets = [a for t in asked for a in actors(t, index)]
            yield from subject_frame(verb, ctx, targets, [verb, comp], "demand")
    # the act as a noun: "demanded the withdrawal of Korean troops", "called for the release of"
    nouns = children(verb, {"dobj"}) + [
        c for p in children(verb, {"prep"}) if p.lower_ == "for" for c in children(p, {"pobj"})
    ]
    for noun in nouns:
        if token_lemma(noun).lower() in STOP_NOUNS:
            owners = [a for p in children(noun, {"prep"}) if p.lower_ == "of" for a in pobj_actors(p, index)]
            owners += children_actors(noun, {"poss"}, index)
            yield from subject_frame(verb, ctx, owners, [verb, noun], "demand")


@rule("demand-that", on=is_verbal)
def demand_that(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "Japan demanded that Korea withdraw its troops": the clause's subject is asked."""
    if lemma_of(verb) not in DEMAND_VERBS:
        return
    for comp in children(verb, {"ccomp"}):
        if _stops(comp):
            yield from subject_frame(
                verb, ctx, children_actors(comp, SUBJECT_DEPS, ctx.index), [verb, comp], "demand-that"
            )


def _other_rules() -> list[Rule]:
    from graphbuild.grammar.rules import ordered_rules

    return [r for r in ordered_rules() if r.family != "demands"]


def _act_words(act: Token) -> list[Token]:
    """Where an act is read: the act itself and, for a verb, the nouns it acts on ("to
    impose [sanctions] on Y"), not what a noun says about something else ("called for
    [records] relating to ... investigations into Y")."""
    if act.pos_ not in {"VERB", "AUX"}:
        return [act]
    nouns = children(act, {"dobj"}) + [c for p in children(act, {"prep"}) for c in children(p, {"pobj"})]
    return [act, *nouns]


def _conflicts_in(acts: list[Token], ctx: Context) -> Iterator[Frame]:
    """The conflicts the grammar's other rules read in what is asked or threatened: "to sue
    Y", "to impose sanctions on Y", "[sanctions] against Y", "to unite and [mobilize] against Y"."""
    acts = [*acts, *(c for act in acts if act.pos_ in {"VERB", "AUX"} for c in act.conjuncts if c.i > act.i)]
    for act in acts:
        for token in _act_words(act):
            for other in _other_rules():
                if other.on is not None and not other.on(token):
                    continue
                for frame in other.find(token, ctx):
                    if frame.targets and RELATIONS[frame.relation].polarity == CONFLICT:
                        yield frame


def _against(verb: Token, ctx: Context, relation: str, acts: list[Token], name: str) -> Iterator[Frame]:
    """``verb``'s subject stands in ``relation`` to the targets of the conflicts in ``acts``."""
    clause = None
    for frame in _conflicts_in(acts, ctx):
        clause = clause or subjects(verb, ctx.index)
        yield Frame(
            relation,
            clause.actors,
            frame.targets,
            written([verb, frame.predicate]),
            name,
            verb,
            clause.chain,
            children(verb, SUBJECT_DEPS),
            CONFIDENCE_CHAINED,
            trigger=lemma_of(verb),
        )


@rule("threat", on=is_verbal)
def threat(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "X threatened to sue Y", "to break off relations with Y", "to impose sanctions on Y",
    "threatened sanctions against Y":
    X threatens Y, asserted; the act threatened keeps its own, planned, reading."""
    if lemma_of(verb) not in THREAT_VERBS:
        return
    # the act as a verb ("to sue Y") or as a noun ("threatened sanctions against Y")
    acts = children(verb, {"xcomp"}) + [n for n in children(verb, {"dobj"}) if n.pos_ == "NOUN"]
    yield from _against(verb, ctx, "THREATENS", acts, "threat")


@rule("urge-against", on=is_verbal)
def urge_against(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "X urged Y to sanction Z", "called for sanctions against Z", "pressed for an
    investigation into Z", "demanded that Y sue Z": whoever asks for action against Z
    stands against Z (OPPOSES), asserted, whatever the one asked does. A demand to stop or
    undo is the demand rules'."""
    if lemma_of(verb) not in DEMAND_VERBS | REQUEST_VERBS:
        return
    acts = [c for c in children(verb, {"xcomp", "ccomp"}) if not _stops(c)]
    acts += [
        noun
        for noun in children(verb, {"dobj"})
        + [c for p in children(verb, {"prep"}) if p.lower_ == "for" for c in children(p, {"pobj"})]
        if token_lemma(noun).lower() not in STOP_NOUNS and noun.pos_ == "NOUN"
    ]
    yield from _against(verb, ctx, "OPPOSES", acts, "urge-against")
