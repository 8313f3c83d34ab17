"""Bounds on what is read and parsed at once, so memory and extraction time grow with the
text and no faster, whatever the input.

- Articles: one longer than ``MAX_ARTICLE_CHARS`` (``--max-article-chars``) is skipped and
  reported by the reader.
- Memory: the model's working arrays grow with the characters parsed together (about 3 KB
  a character), so texts go to ``nlp.pipe`` in batches of at most ``BATCH_CHARS`` characters
  (``batching.batched``), and a text longer than ``PIECE_CHARS`` is parsed as consecutive
  pieces (``cut_text``), joined back into one Doc (``nlp.parse_articles``).
- Time: the grammar walks a word's dependents and the actors of its sentence, so a sentence
  thousands of words long costs the square of its length. ``bound_sentences`` (a pipeline
  component, before the parser) cuts any stretch of more than ``MAX_SENTENCE_TOKENS`` words
  without a sentence end at its clauses, and any stretch of more than ``MAX_RUN_TOKENS``
  words without a line break at a sentence end the parser might run over ("x. y. z.").

Texts of ordinary news reach none of these bounds but the first: they are parsed as they
always were. Nothing here imports spaCy: the command line reads the defaults from here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# An article longer than this (some 150,000 words, far beyond any news story; more often
# many articles, a log or a data dump in one) is skipped: it would take a minute or two a
# million characters, and link actors a whole book apart.
MAX_ARTICLE_CHARS = 1_000_000
# A text longer than this is parsed in pieces: a few times the longest news story.
PIECE_CHARS = 100_000
# The characters parsed together: about 300 MB of the model's working memory.
BATCH_CHARS = 100_000
# Longer stretches without a sentence end are cut at clause boundaries: news sentences stay
# well under 100 words.
MAX_SENTENCE_TOKENS = 250
# Longer stretches without a line break get a sentence start at a sentence end.
MAX_RUN_TOKENS = 1_000

# where a piece may end: after white space that holds a line break, that follows a sentence
# end, or any white space; each before the next word, so the words are cut as the whole
# text's tokenizer cuts them
_GAP = re.compile(r"\s+(?=\S)")
_SENTENCE_END = frozenset(".!?")
# a clause may start after these, or at these conjunctions after a comma
_CLAUSE_MARKS = frozenset({";", ":", "\u2014", "\u2013", "--"})
_CONJUNCTIONS = frozenset({"and", "but", "or", "nor", "yet", "so", "while", "whereas"})


def cut_text(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """``text`` as consecutive pieces of at most ``limit`` characters that join back into it,
    each ending after a line break where one is in reach, else after a sentence end, else
    between words, else (a word of ``limit`` characters) anywhere.

    >>> cut_text("One. Two.\\nThree four five.", limit=12)
    ['One. Two.\\n', 'Three four ', 'five.']
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        line = sentence = word = 0
        for gap in _GAP.finditer(text, start + 1, end + 1):
            cut = gap.end()
            if cut > end:
                break
            word = cut
            if "\n" in gap.group():
                line = cut
            elif text[gap.start() - 1] in _SENTENCE_END:
                sentence = cut
        cut = line or sentence or word or end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def bound_sentences(doc: Doc) -> Doc:
    """Give the parser sentence starts that keep every sentence within the bounds: runs on
    between sentence ends cut at clauses, runs between line breaks at sentence ends (the
    pipeline component ``nlp.BOUNDS_PIPE``)."""
    if _runs_over(doc, MAX_SENTENCE_TOKENS, with_ends=True):
        _cut_runs(doc, _ends_sentence, MAX_SENTENCE_TOKENS, _clause_rank)
    if _runs_over(doc, MAX_RUN_TOKENS, with_ends=False):
        _cut_runs(doc, lambda token: False, MAX_RUN_TOKENS, _sentence_rank)
    return doc


def _runs_over(doc: Doc, longest: int, *, with_ends: bool) -> bool:
    """Whether ``_cut_runs`` would cut anything: some run from a sentence start (or, with
    ``with_ends``, a sentence end) to the next holds a token ``longest`` or more past its start.
    Read from the Doc's arrays, without making a Token for every word."""
    if len(doc) <= longest:
        return False
    marks = doc.to_array(["SENT_START", "IS_PUNCT", "ORTH"]).tolist()
    ends: dict[int, bool] = {}
    if with_ends:
        for _, punct, orth in marks:
            if orth not in ends:
                text = doc.vocab.strings[orth]
                ends[orth] = (bool(punct) and bool(_SENTENCE_END & set(text))) or "\n" in text
    restarts = [i for i in range(1, len(doc)) if marks[i][0] == 1 or (with_ends and ends[marks[i - 1][2]])]
    edges = [0, *restarts, len(doc)]
    return any(end - 1 - start >= longest for start, end in pairwise(edges))


def _cut_runs(doc: Doc, ends: Callable[[Token], bool], longest: int, rank: Callable[[Doc, int], int]) -> None:
    """Start a sentence wherever more than ``longest`` tokens pass without a sentence start
    or a token ``ends`` accepts: at the best-``rank``ed token of the run's last ``longest``
    tokens, the latest of them on a tie, never in its first half."""
    run = 0  # where the current run started
    for token in doc:
        i = token.i
        if i > run and (token.is_sent_start or ends(doc[i - 1])):
            run = i
        elif i - run >= longest:
            window = range(run + longest // 2, i + 1)
            start = max(window, key=lambda k: (rank(doc, k), k))
            if doc[start].is_sent_start is not False:  # a dateline's words stay one sentence
                doc[start].is_sent_start = True
            run = start


def _ends_sentence(token: Token) -> bool:
    return (token.is_punct and bool(_SENTENCE_END & set(token.text))) or "\n" in token.text


def _clause_rank(doc: Doc, i: int) -> int:
    """How good a clause start token ``i`` is: after a semicolon or colon, then a
    conjunction after a comma ("..., and"), then after a comma, then any word."""
    before = doc[i - 1].text
    if before in _CLAUSE_MARKS:
        return 3
    if doc[i].lower_ in _CONJUNCTIONS and before == ",":
        return 2
    return 1 if before == "," else 0


def _sentence_rank(doc: Doc, i: int) -> int:
    """How likely a sentence starts at token ``i``: after a sentence end and capitalised,
    after a sentence end, after a clause mark, anywhere."""
    before = doc[i - 1]
    if _ends_sentence(before):
        return 3 if doc[i].text[:1].isupper() else 2
    return 1 if before.text in _CLAUSE_MARKS or before.text == "," else 0
