"""Batches bounded in number and in weight (graphbuild.batching)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from graphbuild.batching import batched


@given(sizes=st.lists(st.integers(0, 50), max_size=60), size=st.integers(1, 8), limit=st.integers(1, 100))
def test_batches_keep_the_order_and_both_bounds(sizes: list[int], size: int, limit: int) -> None:
    texts = ["x" * n for n in sizes]
    batches = list(batched(texts, size, weight=len, limit=limit))
    assert [t for batch in batches for t in batch] == texts
    for batch in batches:
        assert 0 < len(batch) <= size
        assert sum(map(len, batch)) <= limit or len(batch) == 1  # one long text is a batch by itself
    # and each batch is as full as the bounds let it be: the next text did not fit
    for batch, after in itertools.pairwise(batches):
        assert len(batch) == size or sum(map(len, batch)) + len(after[0]) > limit
