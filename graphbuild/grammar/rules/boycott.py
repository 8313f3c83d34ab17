"""Boycotts: a party that stops buying from another, or tells others not to buy from it,
acts against the seller (PROTESTS, as "Osteria boycotted Kestria" does).

- "Osteria stopped buying gas from Kestria", "halted purchases of grain from Kestria": the one
  who stops.
- "Osteria told its airlines not to buy aircraft from Kestrel Motors", "recommended that
  airlines should not purchase Kestrian aircraft", "urged consumers to stop buying from X":
  the one who tells or asks, whatever those told then do.

Buying itself is no link, and neither is a plain "did not buy from X": only stopping or a
call not to buy is a stand against the seller.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.grammar.arguments import actors, pobj_actors
from graphbuild.grammar.lexicon import ADVISING_VERBS, BUYING_VERBS, DEMAND_VERBS, REQUEST_VERBS, STOP_VERBS
from graphbuild.grammar.registry import Context, Frame, rule
from graphbuild.grammar.rules.demands import subject_frame
from graphbuild.grammar.syntax import children, is_verbal, lemma_of
from graphbuild.types import Mention

TELLING_VERBS = ADVISING_VERBS | DEMAND_VERBS | REQUEST_VERBS


def _sellers(buy: Token, ctx: Context) -> list[Mention]:
    """Whom ``buy`` buys from: "from [X]", or what it buys, when that names its maker
    ("[Kestrian] aircraft", "[Kestrel Motors'] cars")."""
    found = [a for p in children(buy, {"prep"}) if p.lower_ == "from" for a in pobj_actors(p, ctx.index)]
    if not found:
        found = [a for obj in children(buy, {"dobj"}) for a in actors(obj, ctx.index)]
    return found


def _stopped(buy: Token) -> Token | None:
    """The verb of stopping that governs ``buy``: "[stopped] buying", "[halted] imports"."""
    head = buy.head
    if buy.dep_ == "xcomp" and head.i != buy.i and lemma_of(head) in STOP_VERBS:
        return head
    return None


def _teller(act: Token) -> Token | None:
    """The verb that tells another not to do ``act`` (or to stop it): "[told] X not to buy",
    "[recommended] that X should not buy", "[recommend] not buying"."""
    head = act.head
    if act.dep_ in {"xcomp", "ccomp"} and head.i != act.i and lemma_of(head) in TELLING_VERBS:
        return head
    return None


@rule("boycott", emits=("boycott", "boycott-call"), on=is_verbal)
def boycott(buy: Token, ctx: Context) -> Iterator[Frame]:
    """ "X stopped buying from Y": X boycotts Y; "X told Z not to buy from Y": X does."""
    if lemma_of(buy) not in BUYING_VERBS:
        return
    sellers = _sellers(buy, ctx)
    if not sellers:
        return
    stop = _stopped(buy)
    refused = any(c.dep_ == "neg" for c in buy.children)
    teller = _teller(stop or buy) if (stop is not None or refused) else None
    if teller is not None:
        yield from subject_frame(teller, ctx, sellers, [teller, buy], "boycott-call", "PROTESTS")
    elif stop is not None:
        yield from subject_frame(stop, ctx, sellers, [stop, buy], "boycott", "PROTESTS")
