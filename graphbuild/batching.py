"""Batches, and batches in flight: the one helper every executor and the Neo4j writer use."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
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
