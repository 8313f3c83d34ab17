"""Giving: a verb that hands over something that helps, and the one it goes to.

- ``give``: "Osteria gave $5 million to Marrenland", "sent troops to X", "gave X food",
  "provided X with fuel" — the giver AIDS the recipient. What is given must be money or a
  thing of help (``words/given_things.tsv``): "sent a letter to X" is no aid. Aid named by an
  event noun ("gave aid to X", "provided X with weapons") is the noun rule's.
- ``give`` read from the other side: "Marrenland received $3 billion from Osteria" — the one
  it came from aids the subject.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.grammar.arguments import actors, pobj_actors
from graphbuild.grammar.lexicon import EVENT_NOUNS, GIVEN_THINGS, GIVING_VERBS, MEASURE_WORDS
from graphbuild.grammar.readings import VerbReading, read_verb
from graphbuild.grammar.registry import Context, Frame, rule
from graphbuild.grammar.syntax import children, is_verbal, lemma_of, written
from graphbuild.nlp import token_lemma
from graphbuild.types import Mention

# Prepositions that name whom the thing goes to: "sent troops to X", "food for X". "for" after
# the verb, or after money that measures nothing ("offered $78 million for X's plant"), is a price.
RECIPIENT_PREPS = frozenset({"to", "for"})
# Verbs whose subject is given the thing by the one after "from" (not "faced $3bn in fines from").
TAKING_VERBS = frozenset({"receive", "get", "accept", "obtain", "secure"})
# Words of money beside those the parser tags as an amount.
MONEY_WORDS = frozenset({"money", "fund", "funding", "cash", "dollar", "euro", "pound", "yen", "million", "billion"})


def _given(token: Token) -> bool:
    """Money ("$5 million", "funds") or a thing of help ("food", "troops"), not an event noun;
    or a measure of one ("700 kg of medicine", "$50,000 worth of goods")."""
    lemma = token_lemma(token).lower()
    if lemma in EVENT_NOUNS:
        return False
    if lemma in MEASURE_WORDS:
        return any(_given(t) for p in children(token, {"prep"}) if p.lower_ == "of" for t in children(p, {"pobj"}))
    return token.ent_type_ == "MONEY" or lemma in GIVEN_THINGS


def _money(token: Token) -> bool:
    return token.ent_type_ == "MONEY" or token_lemma(token).lower() in MONEY_WORDS


def _recipients(verb: Token, thing: Token, ctx: Context) -> tuple[list[Mention], list[Token]]:
    """Whom the thing goes to, and the words that say so: "to X" on the verb or the thing,
    "for X" on a thing that is not money ("$70 million of aid for X"), or the indirect object
    ("gave X food")."""
    found: list[Mention] = []
    words: list[Token] = []
    of_things = [c for p in children(thing, {"prep"}) if p.lower_ == "of" for c in children(p, {"pobj"})]
    for host in (verb, thing, *of_things):
        for prep in children(host, {"prep", "dative"}):
            if prep.lower_ in RECIPIENT_PREPS:
                if prep.lower_ == "for" and (host.i == verb.i or (_money(host) and not of_things)):
                    continue  # a price; but "$70 million of aid for X" names whom the aid is for
                got = pobj_actors(prep, ctx.index)
                if got:
                    found += got
                    words.append(prep)
            elif prep.pos_ in {"PROPN", "NOUN"}:  # the indirect object: "gave [Marrenland] food"
                found += actors(prep, ctx.index)
    return found, words


@rule("give", emits=("give", "give-surface"), on=is_verbal)
def giving(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "gave $5 million to X", "sent troops to X", "provided X with fuel"."""
    lemma = lemma_of(verb)
    if lemma not in GIVING_VERBS and lemma not in TAKING_VERBS:
        return
    reading = read_verb(verb, ctx)
    if reading.passive:
        return
    objects = children(verb, {"dobj"})
    things = [t for o in objects for t in (o, *o.conjuncts) if _given(t)]
    if lemma in TAKING_VERBS:
        yield from _taken(verb, reading, things, ctx)
        return
    withs = [p for p in children(verb, {"prep"}) if p.lower_ == "with"]
    for thing in things:
        recipients, words = _recipients(verb, thing, ctx)
        yield from _frame(verb, reading, recipients, [thing, *words])
    for prep in withs:  # "provided [X] with fuel": the object receives
        if any(_given(t) for p in children(prep, {"pobj"}) for t in (p, *p.conjuncts)):
            recipients = [a for o in objects for a in actors(o, ctx.index)]
            yield from _frame(verb, reading, recipients, [prep])


def _taken(verb: Token, reading: VerbReading, things: list[Token], ctx: Context) -> Iterator[Frame]:
    """ "received $3 billion from X": X gives to the subject."""
    if not things:
        return
    for prep in children(verb, {"prep"}):
        if prep.lower_ == "from":
            yield from _frame(verb, reading, reading.actors, [things[0], prep], givers=pobj_actors(prep, ctx.index))


def _frame(
    verb: Token,
    reading: VerbReading,
    recipients: list[Mention],
    words: list[Token],
    givers: list[Mention] | None = None,
) -> Iterator[Frame]:
    if not recipients:
        return
    yield Frame(
        "AIDS",
        reading.actors if givers is None else givers,
        recipients,
        written([*reading.written_base, *words]),
        "give" + reading.surface,
        verb,
        reading.clause.chain,
        reading.subject_tokens,
        reading.confidence,
        trigger=lemma_of(verb),
    )
