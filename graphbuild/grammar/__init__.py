"""The grammar: (actor, relation, target) triples from parsed sentences.

- ``data/``: the linguistic knowledge as data files (the predicate lexicon, word lists);
  ``lexicon`` reads and checks them;
- ``mentions`` (with ``entities`` and ``references``): the actors an article names, and
  what refers to them;
- ``arguments``: which actors a phrase names and who carries out a verb; ``qualifiers``:
  negation, modality, attribution;
- ``rules/``: the constructions, one module per family, registered by name (``registry``);
- ``extract``: runs the rules over an article and assembles its triples.

``extract_article`` and ``extract_docs`` are imported on first use, so that
``graphbuild.grammar.lexicon`` can be read (by ``graphbuild.normalize``) without spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphbuild.grammar.extract import extract_article, extract_docs

__all__ = ["extract_article", "extract_docs"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from graphbuild.grammar import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
