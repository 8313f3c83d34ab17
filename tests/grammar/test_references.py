"""Reference candidates looked up in the recent sentences only: the same ranking as a scan of
every actor seen before, at a cost that does not grow with the article."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graphbuild.grammar.references import LOOKBACK_SENTS, _last_group, _ranked, _Seen
from graphbuild.types import Mention

NAMES = st.sampled_from(["Acme", "Globex", "Initech", "Hooli", "the EU"])
LABELS = st.sampled_from(["ORG", "GPE", "PERSON", "NORP"])
# (sentence step, name, label, subject) for each actor seen, in text order
SEEN = st.lists(st.tuples(st.integers(0, 2), NAMES, LABELS, st.booleans()), max_size=60)


def _seen(steps) -> list[_Seen]:
    seen, sent = [], 0
    for token, (step, name, label, subject) in enumerate(steps):
        sent += step
        seen.append(_Seen(Mention(name, label, token, token + 1), token, sent, subject))
    return seen


@given(steps=SEEN, ahead=st.integers(0, 5), label=LABELS, lookback=st.sampled_from([LOOKBACK_SENTS, 25]))
def test_candidates_are_ranked_as_a_scan_of_every_actor_ranks_them(steps, ahead, label, lookback) -> None:
    seen = _seen(steps)
    sent = (seen[-1].sent if seen else 0) + ahead

    def ok(s: _Seen) -> bool:
        return s.mention.label != label

    in_reach = [s for s in seen if 0 <= sent - s.sent <= lookback]  # found by a scan of every actor seen
    assert _ranked(seen, None, sent, ok, lookback) == _ranked(in_reach, None, sent, ok, lookback=10**9)


@given(steps=SEEN, ahead=st.integers(0, 5))
def test_the_last_group_is_the_one_a_scan_finds(steps, ahead) -> None:
    seen = _seen(steps)
    groups = [(s.sent, s.subject, [s.mention]) for s in seen]
    sent = (seen[-1].sent if seen else 0) + ahead
    recent = [g for g in groups if sent - g[0] <= LOOKBACK_SENTS]
    subjects = [g for g in recent if g[1]]
    pick = subjects[-1] if subjects else (recent[-1] if recent else None)
    assert _last_group(groups, sent) == (list(pick[2]) if pick else [])
