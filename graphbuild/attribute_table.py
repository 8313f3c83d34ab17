"""The pipeline's attribute ruler as table lookups over a Doc's arrays.

spaCy's ``AttributeRuler`` runs a ``Matcher`` over every token to map fine tags to parts of
speech and features (and a few words to lemmas): about 11% of parsing, for rules that are
one- or two-token tests of a token's tag, lowercase form, dependency label or whitespace.
``AttributeTable`` reads the same rules, finds each one's matches through an index of the
Doc's columns (the tokens with a given tag or word) and sets the same attributes in the same
order (a later rule wins, as in spaCy), so the Doc ends up identical
(``tests/test_attribute_table.py`` compares them). A rule it cannot read as such tests (an
operator, a pattern of three tokens, a regular expression on a column other than the
lowercase form) makes ``AttributeTable.of`` return ``None``, and the pipeline keeps spaCy's
ruler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs  # type: ignore[import-not-found]

# The columns a rule may test, in the order of the array read from each Doc.
_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
# Attributes written back through an array; any other a rule sets is set token by token.
_WRITTEN = (POS, MORPH, LEMMA)
MAX_TOKENS = 2


@dataclass(frozen=True, slots=True)
class _Test:
    column: int  # index into _COLUMNS
    kind: str  # "eq", "in", "not_in" or "regex"
    value: object  # an id, a set of ids, or a compiled expression

    def passes(self, doc: Doc, values: np.ndarray) -> np.ndarray:
        if self.kind == "eq":
            return values == self.value
        if self.kind == "regex":
            strings, regex = doc.vocab.strings, self.value
            hits = [v for v in np.unique(values) if regex.search(strings[int(v)])]  # type: ignore[attr-defined]
            return np.isin(values, np.array(hits, dtype=np.uint64))
        members: frozenset = self.value  # type: ignore[assignment]
        inside = np.fromiter((int(v) in members for v in values), dtype=bool, count=len(values))
        return inside if self.kind == "in" else ~inside


@dataclass(frozen=True, slots=True)
class _Pattern:
    tokens: tuple[tuple[_Test, ...], ...]  # the tests of each token
    key: _Test | None  # an equality test of the first token, to look its matches up by
    set_at: int  # which token of a match is set


@dataclass(frozen=True, slots=True)
class _Rule:
    patterns: tuple[_Pattern, ...]
    arrays: tuple[tuple[int, int], ...]  # (index into _WRITTEN, value)
    others: dict  # attributes set token by token


def _read_test(column: int, key: str, value: object, strings) -> _Test | None:
    if isinstance(value, bool):
        return _Test(column, "eq", int(value))
    if isinstance(value, str):
        return _Test(column, "eq", strings.add(value))
    if isinstance(value, dict) and len(value) == 1:
        [(op, arg)] = value.items()
        if op in {"IN", "NOT_IN"} and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
            return _Test(column, op.lower(), frozenset(int(strings.add(v)) for v in arg))
        if op == "REGEX" and key == "LOWER" and isinstance(arg, str):
            return _Test(column, "regex", re.compile(arg))
    return None


def _read_pattern(spec: list[dict], index: int, strings) -> _Pattern | None:
    if not 1 <= len(spec) <= MAX_TOKENS:
        return None
    names = list(_COLUMNS)
    tokens = []
    for token in spec:
        tests = [_read_test(names.index(k), k, v, strings) if k in _COLUMNS else None for k, v in token.items()]
        if None in tests:
            return None
        tokens.append(tuple(t for t in tests if t is not None))
    first = sorted((t for t in tokens[0] if t.kind == "eq"), key=lambda t: names[t.column] != "LOWER")
    set_at = index if index >= 0 else len(spec) + index
    if not 0 <= set_at < len(spec):
        return None
    return _Pattern(tuple(tokens), first[0] if first else None, set_at)


class AttributeTable:
    """A drop-in for a pipeline's ``AttributeRuler`` (see the module's docstring)."""

    def __init__(self, rules: list[_Rule]) -> None:
        self.rules = rules
        self.columns = list(_COLUMNS.values())

    @classmethod
    def of(cls, ruler: AttributeRuler) -> AttributeTable | None:
        """The table for ``ruler``'s rules, or ``None`` when one is not plain tests."""
        strings = ruler.vocab.strings
        rules = []
        for i, attrs in enumerate(ruler.attrs):
            patterns = [_read_pattern(spec, ruler.indices[i], strings) for spec in ruler.matcher.get(str(i))[1]]
            if None in patterns:
                return None
            arrays = tuple((_WRITTEN.index(a), int(v)) for a, v in attrs.items() if a in _WRITTEN)
            others = {a: v for a, v in attrs.items() if a not in _WRITTEN}
            rules.append(_Rule(tuple(p for p in patterns if p is not None), arrays, others))
        return cls(rules)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        cols = doc.to_array(self.columns)
        index = _Index(cols)
        out = doc.to_array(list(_WRITTEN))
        one_by_one: list[tuple[int, dict]] = []
        for rule in self.rules:
            for pattern in rule.patterns:
                key = pattern.key
                if key is not None and index.positions(key.column, key.value) is None:  # type: ignore[arg-type]
                    continue  # no token has the tag or word: the most common case by far
                at = _matches(doc, cols, index, pattern)
                if not len(at):
                    continue
                for column, value in rule.arrays:
                    out[at, column] = value
                if rule.others:
                    one_by_one.extend((int(i), rule.others) for i in at)
        doc.from_array(list(_WRITTEN), out)  # type: ignore[arg-type]
        for i, attrs in one_by_one:
            set_token_attrs(doc[i], attrs)
        return doc


class _Index:
    """The positions of each value of a column, built when first asked for."""

    def __init__(self, cols: np.ndarray) -> None:
        self.cols = cols
        self.by_column: dict[int, dict[int, np.ndarray]] = {}

    def positions(self, column: int, value: int) -> np.ndarray | None:
        table = self.by_column.get(column)
        if table is None:
            values = self.cols[:, column]
            order = np.argsort(values, kind="stable")
            uniques, starts = np.unique(values[order], return_index=True)
            bounds = [*starts[1:], len(order)]
            table = {int(u): order[s:e] for u, s, e in zip(uniques, starts, bounds, strict=True)}
            self.by_column[column] = table
        return table.get(value)


def _matches(doc: Doc, cols: np.ndarray, index: _Index, pattern: _Pattern) -> np.ndarray:
    """The tokens ``pattern`` sets, in order: where its tokens pass their tests in a row."""
    n = len(cols)
    if pattern.key is not None:
        starts = index.positions(pattern.key.column, int(pattern.key.value))  # type: ignore[call-overload]
        if starts is None:
            return np.empty(0, dtype=np.int64)
    else:
        starts = np.arange(n)
    starts = starts[starts + len(pattern.tokens) <= n]
    for k, tests in enumerate(pattern.tokens):
        for test in tests:
            if not len(starts):
                return starts
            starts = starts[test.passes(doc, cols[starts + k, test.column])]
    return starts + pattern.set_at
