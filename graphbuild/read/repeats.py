"""One article per id in a read: a second record under an id already read is never merged
with the first. With the same text it is a repeat (the same article listed twice) and read
once; with another text it is skipped and reported, as two articles need two ids."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from graphbuild.read.report import ReadReport
from graphbuild.types import Article, Problem


@dataclass(slots=True)
class Repeats:
    """The ids read so far, each with a digest of its text and where it was read."""

    seen: dict[str, tuple[bytes, str]] = field(default_factory=dict)

    def admit(self, article: Article, origin: str, line: int | None, report: ReadReport) -> bool:
        """Whether ``article`` is read: True the first time its id comes; after that it is
        reported (at ``origin``, ``line``) and left out.

        >>> repeats, report = Repeats(), ReadReport()
        >>> [repeats.admit(Article("x", text), "a.jsonl", n, report) for n, text in enumerate("ABA", 1)]
        [True, False, False]
        >>> [(p.line, p.skipped) for p in report.problems]
        [(2, True), (3, False)]
        """
        digest = hashlib.sha1(article.text.encode("utf-8")).digest()
        first = self.seen.get(article.id)
        if first is None:
            self.seen[article.id] = (digest, article.origin)
            return True
        if first[0] == digest:
            reason = f"repeats article {article.id!r} read at {first[1]} (same text); read once"
            report.add(Problem(origin, line, reason, skipped=False))
        else:
            reason = (
                f"article id {article.id!r} was read before (at {first[1]}) with another text; "
                "give each article its own id, or keep one version"
            )
            report.add(Problem(origin, line, reason))
        return False
