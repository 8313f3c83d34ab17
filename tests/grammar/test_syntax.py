"""The small questions the rules ask of tokens, on Docs built by hand."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from graphbuild.grammar.syntax import token_at


def test_token_at_finds_the_token_that_starts_at_a_character_of_its_sentence() -> None:
    doc = Doc(
        English().vocab,
        words=["Acme", "sued", "Globex", ".", "It", "won", "."],
        spaces=[True, True, False, True, True, False, False],
        sent_starts=[True, False, False, False, True, False, False],
    )
    first, second = doc.sents
    assert doc.text == "Acme sued Globex. It won."
    starts = {t.idx: t.i for t in doc}
    for char in range(len(doc.text) + 1):
        for sent in (first, second):
            token = token_at(sent, char)
            expected = starts.get(char) if char in starts and sent.start <= starts[char] < sent.end else None
            assert (token.i if token is not None else None) == expected, (char, sent)
