"""What reading found: counts, and every file or record skipped or repaired."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from graphbuild.types import Problem


@dataclass(slots=True)
class ReadReport:
    """Counts what was read and what was skipped.

    `on_problem` is called once per problem as it happens, so a caller can warn while
    reading goes on; `problems` keeps them all for a summary at the end.
    """

    files: int = 0  # input files opened
    articles: int = 0  # articles yielded
    problems: list[Problem] = field(default_factory=list)
    on_problem: Callable[[Problem], None] | None = None

    @property
    def skipped(self) -> int:
        """How many files or records were skipped (problems that were not repairs)."""
        return sum(1 for problem in self.problems if problem.skipped)

    def add(self, problem: Problem) -> None:
        """Record `problem` and pass it to `on_problem`."""
        self.problems.append(problem)
        if self.on_problem is not None:
            self.on_problem(problem)
