"""One exception tree for graphbuild.

Every message says what happened, the offending value, and how to fix it, so the CLI can
print ``str(error)`` as the whole explanation.
"""

from __future__ import annotations


class GraphbuildError(Exception):
    """Base class of every error graphbuild raises on purpose."""


class ModelNotFoundError(GraphbuildError):
    """No usable spaCy pipeline could be loaded."""


class LexiconError(GraphbuildError):
    """A data file of the grammar's lexicon is malformed, or two of its rows clash."""


class InputError(GraphbuildError):
    """Input that cannot be read at all (as opposed to one bad record, which is skipped)."""


class GraphFileError(GraphbuildError):
    """The embedded graph file is missing, unreadable or not a graphbuild graph."""


class AliasFileError(GraphbuildError):
    """The alias file cannot be read or has a malformed row."""


class QueryError(GraphbuildError):
    """An unknown canned question or a missing or malformed parameter."""


class UnknownActorError(QueryError):
    """A question names an actor the graph does not hold, under any name or alias."""

    def __init__(self, message: str, *, name: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.name = name
        self.suggestions = suggestions


class BackendError(GraphbuildError):
    """A storage backend (Neo4j) cannot be reached or refused the operation."""


class VocabularyError(GraphbuildError):
    """A relationship type or label that is not in the controlled vocabulary."""
