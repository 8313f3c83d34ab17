"""Hand-built Docs for grammar tests, written as a table of the parse they stand for.

One token a line: word, tag, part of speech, dependency label, the head's position (from
0), lemma and entity (IOB: ``B-ORG``, ``I-ORG``, ``O``). Columns are split on whitespace.
The grammar reads nothing else, so a test on such a Doc never drifts with a model.

>>> doc = doc_from_table('''
... Cisco  NNP PROPN nsubj 1 Cisco B-ORG
... sued   VBD VERB  ROOT  1 sue   O
... Apple  NNP PROPN dobj  1 Apple B-ORG
... .      .   PUNCT punct 1 .     O
... ''')
>>> [(t.text, t.dep_, t.head.text) for t in doc][:2]
[('Cisco', 'nsubj', 'sued'), ('sued', 'ROOT', 'sued')]
"""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

VOCAB = English().vocab  # lexical attributes (lower case, is_alpha) without a model


def doc_from_table(table: str) -> Doc:
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    for row in rows:
        assert len(row) == 7, f"want word tag pos dep head lemma ent, got {row}"
    words, tags, pos, deps, heads, lemmas, ents = (list(column) for column in zip(*rows, strict=True))
    # no space before punctuation, nor round a hyphen inside a word ("al-Harran", "rebel-held")
    spaces = [
        not (n + 1 < len(words) and words[n + 1] in {".", ",", "'s", ")", ":", "-"}) and words[n] != "-"
        for n in range(len(words))
    ]
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        deps=deps,
        heads=[int(h) for h in heads],
        lemmas=lemmas,
        ents=ents,
    )


def table_of(doc: Doc) -> str:
    """The table of a parsed Doc: how the tests' tables were first written, from the model."""
    width = max(len(t.text) for t in doc)
    return "\n".join(
        f"{t.text:<{width}} {t.tag_:<4} {t.pos_:<5} {t.dep_:<9} {t.head.i:<2} {t.lemma_ or t.lower_} "
        f"{(t.ent_iob_ + '-' + t.ent_type_) if t.ent_type_ else 'O'}"
        for t in doc
    )
