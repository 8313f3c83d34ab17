"""Bounds on what is parsed at once (graphbuild.bounds): texts cut into pieces that join back
into them, batches bounded by characters, run-on sentences cut at their clauses, and a
command that stays within a memory cap on input that used to exhaust it."""

from __future__ import annotations

import itertools
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.lang.en import English
from spacy.tokens import Doc

from graphbuild import nlp as nlp_module
from graphbuild.bounds import MAX_RUN_TOKENS, MAX_SENTENCE_TOKENS, bound_sentences, cut_text
from graphbuild.nlp import extraction_text, parse_articles
from graphbuild.run import extract_triples
from graphbuild.types import Article

GOOD = "Cisco sued Apple over the iPhone name."
# invented news: each sentence names two actors and links them
SUBJECTS = ["Orvane Systems", "The Kestrel Group", "Palmyra Bank", "The Delmar Council", "Vantage"]
VERBS = ["sued", "criticized", "signed a supply deal with", "met", "accused"]
OBJECTS = ["Nordic Rail", "the Tessaly Ministry", "Brightwater", "the Ardent Union", "Halvorsen"]


def news(sentences: int, *, paragraph: int = 5) -> str:
    """Sentences of invented news, ``paragraph`` to a line."""
    lines, line = [], []
    for i in range(sentences):
        line.append(f"{SUBJECTS[i % 5]} {VERBS[i // 5 % 5]} {OBJECTS[i // 25 % 5]} on day {i}.")
        if len(line) == paragraph:
            lines.append(" ".join(line))
            line = []
    return "\n".join([*lines, " ".join(line)]).strip()


def run_on(clauses: int) -> str:
    """One sentence that never ends: clauses joined by commas and "and"."""
    return ", and ".join(f"{SUBJECTS[i % 5]} {VERBS[i // 5 % 5]} {OBJECTS[i // 25 % 5]}" for i in range(clauses)) + "."


# cut_text


def test_pieces_end_after_a_line_break_where_one_is_in_reach() -> None:
    text = "First paragraph here.\nSecond one. It goes on for a while.\nThird."
    assert cut_text(text, limit=40) == ["First paragraph here.\n", "Second one. It goes on for a while.\n", "Third."]


def test_a_text_without_line_breaks_is_cut_after_a_sentence_then_between_words() -> None:
    assert cut_text("One two. Three four five six.", limit=12) == ["One two. ", "Three four ", "five six."]
    assert cut_text("x" * 25, limit=10) == ["x" * 10, "x" * 10, "x" * 5]


@given(text=st.text(alphabet=st.sampled_from("ab .\n\t,"), max_size=400), limit=st.integers(1, 60))
def test_pieces_join_back_into_the_text_and_keep_within_the_limit(text: str, limit: int) -> None:
    pieces = cut_text(text, limit=limit)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= limit for piece in pieces) or pieces == [""]


# bound_sentences, on Docs built by hand: what the parser is told before it runs


def _starts(words: list[str]) -> list[int]:
    doc = bound_sentences(Doc(English().vocab, words=words))
    return [token.i for token in doc if token.is_sent_start]


def test_a_run_on_sentence_is_cut_at_its_clauses_within_the_bound() -> None:
    clause = ["Acme", "sued", "Globex", "over", "a", "patent", ",", "and", "Initech", "met", "Hooli", ";"]
    words = clause * 200  # 2,400 tokens and no sentence end
    starts = _starts(words)
    assert len(starts) > 2400 // MAX_SENTENCE_TOKENS
    assert all(b - a <= MAX_SENTENCE_TOKENS for a, b in itertools.pairwise([*starts, len(words)]))
    assert all(words[i - 1] == ";" for i in starts[1:])  # the best boundary in reach


def test_without_clauses_a_run_on_sentence_is_cut_between_words() -> None:
    words = ["word"] * 1000
    starts = _starts(words)
    assert all(b - a <= MAX_SENTENCE_TOKENS for a, b in itertools.pairwise([*starts, len(words)]))


def test_ordinary_sentences_get_no_sentence_starts() -> None:
    words = ["Acme", "sued", "Globex", "on", "Monday", ".", "\n", "It", "appealed", "."] * 50
    assert _starts(words) == [0]


def test_a_long_line_of_lower_case_sentences_gets_starts_at_sentence_ends() -> None:
    words = ["x", "."] * 1500  # the parser reads this as one sentence
    starts = _starts(words)
    assert len(starts) > 1
    assert all(b - a <= MAX_RUN_TOKENS for a, b in itertools.pairwise([*starts, len(words)]))
    assert all(words[i - 1] == "." for i in starts[1:])


# the real pipeline


@pytest.mark.model
def test_a_run_on_sentence_is_read_in_clauses_with_its_offsets_right(nlp) -> None:
    article = Article("long", f"{GOOD} {run_on(400)} {GOOD}")
    doc = nlp(extraction_text(article))
    assert len(doc) > 2000
    assert max(len(sent) for sent in doc.sents) <= MAX_SENTENCE_TOKENS
    [(_, triples)] = list(extract_triples([article], nlp=nlp))
    assert len(triples) > 100
    for t in triples:
        assert article.text[t.sentence_start : t.sentence_end] == t.sentence
        assert article.text[t.subject_start : t.subject_end] == t.subject_text
        assert article.text[t.object_start : t.object_end] == t.object_text


@pytest.mark.model
def test_a_long_article_is_parsed_in_pieces_joined_into_the_whole_text(nlp, monkeypatch) -> None:
    article = Article("a", news(300), title="Orvane Systems sues Nordic Rail")
    [(_, read_whole)] = list(extract_triples([article], nlp=nlp))
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 2000)
    text = extraction_text(article)
    assert len(cut_text(text, 2000)) > 5
    [(doc, got)] = list(parse_articles(nlp, [article]))
    assert got is article and doc.text == text
    whole = nlp(text)
    assert [t.text_with_ws for t in doc] == [t.text_with_ws for t in whole]
    assert [t._.gb_lemma for t in doc[-40:]] == [t._.gb_lemma for t in whole[-40:]]  # lemmas, joined too
    [(_, triples)] = list(extract_triples([article], nlp=nlp))
    for t in triples:
        part = article.title if t.section == "title" else article.text
        assert part[t.sentence_start : t.sentence_end] == t.sentence
        assert part[t.subject_start : t.subject_end] == t.subject_text
    found = {(t.subject, t.relation, t.object, t.sentence_start) for t in triples}
    assert found == {(t.subject, t.relation, t.object, t.sentence_start) for t in read_whole}
    assert len(triples) > 200


@pytest.mark.model
def test_texts_are_parsed_in_batches_bounded_by_characters(nlp, monkeypatch) -> None:
    batches: list[list[int]] = []
    pipe = type(nlp).pipe

    def spy(self, texts, **kwargs):
        if kwargs.get("as_tuples"):  # as parse_articles calls it (spaCy then calls itself without)
            texts = list(texts)
            batches.append([len(text) for text, _ in texts])
        return pipe(self, texts, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", spy)
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 900)
    articles = [Article(str(n), news(n % 7 * 8 + 1)) for n in range(40)]
    pairs = list(parse_articles(nlp, articles, batch_size=32, batch_chars=3000))
    assert [a for _, a in pairs] == articles
    assert all(len(b) <= 32 and (sum(b) <= 3000 or len(b) == 1) for b in batches)
    assert max(len(b) for b in batches) > 1 and max(max(b) for b in batches) <= 900


# memory: the real command under a cap on its address space

# about 700 MB of address space is used; parsed whole, this input needed more than 900 MB
CAP = 900 * 1024 * 1024


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


@pytest.mark.model
@pytest.mark.slow
def test_a_long_article_stays_within_a_memory_cap(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(" ".join(news(4000).split("\n")), encoding="utf-8")  # 210,000 characters
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "graphbuild", "extract", str(tmp_path / "long.txt"), str(tmp_path / "good.txt")],
        capture_output=True,
        text=True,
        preexec_fn=_capped,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert '"subject": "Cisco"' in result.stdout and '"object": "Apple"' in result.stdout
    assert "read 2 articles" in result.stderr
