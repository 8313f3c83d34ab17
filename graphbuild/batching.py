"""Batches, and batches in flight: the one helper every executor and the Neo4j writer use.

A batch is bounded by its number of items and, for texts, by their total length: parsing
memory grows with the characters parsed together, not with the number of texts."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def batched(
    items: Iterable[T], size: int, *, weight: Callable[[T], int] | None = None, limit: int | None = None
) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items and, given ``weight`` and ``limit``, of at
    most ``limit`` total weight, except one item that alone weighs more: it is a batch by itself.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    >>> list(batched(["ab", "c", "defg", "h", "i"], 3, weight=len, limit=3))
    [['ab', 'c'], ['defg'], ['h', 'i']]
    """
    iterator = iter(items)
    if weight is None or limit is None:
        while batch := list(islice(iterator, size)):
            yield batch
        return
    batch, total = [], 0
    for item in iterator:
        w = weight(item)
        if batch and (len(batch) >= size or total + w > limit):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += w
    if batch:
        yield batch


def in_order(submit: Callable[[T], Callable[[], R]], batches: Iterable[T], *, window: int) -> Iterator[R]:
    """Submit batches as they come and yield their results in submission order, with at most
    ``window`` batches in flight. ``submit`` starts one and returns what waits for its result.

    >>> list(in_order(lambda b: (lambda: sum(b)), [[1, 2], [3], [4, 5]], window=2))
    [3, 3, 9]
    """
    pending: deque[Callable[[], R]] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft()()
    while pending:
        yield pending.popleft()()
