"""Measure extraction against hand-annotated news: precision, recall and F1 of alliances and
disputes, so users can check graphbuild on their own annotated articles.

Gold is one JSON file per article: ``id``, the text (``text``, ``text_file`` beside it, or
``text_ref`` into a JSON Lines or CSV collection), ``title``, ``entities`` (id -> every form
the article uses for that actor), ``edges`` (required) and ``optional`` edges, each
``{"s": ID or [IDs], "p": "cooperation"|"conflict", "o": ID or [IDs]}``, and ``"partial":
true`` when only some actors are tagged. The matching rules:

- a predicted name is the entity one of whose forms it equals, else the one with the longest
  form inside it, else the one with the shortest form it is inside; names compare case-folded,
  without possessives, punctuation or a leading article;
- cooperation is symmetric, conflict goes actor -> target; negated and neutral links are not
  scored; each required edge is matched once, by the first distinct predicted link that fits;
- a predicted link matching no required or optional edge is a false alarm, except, in a
  partial file, one between two actors the file does not tag.

>>> gold = Gold("a1", "", "Acme sued Borealis.", {"acme": ("Acme",), "bor": ("Borealis Inc.",)},
...             (GoldEdge(("acme",), "conflict", ("bor",)),))
>>> score([gold], [{"article": "a1", "subject": "Acme", "object": "Borealis", "polarity": "conflict"}]).typed
Figures(tp=1, fp=0, fn=0)
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuild.errors import InputError

SCORED = ("cooperation", "conflict")
_LEADING = frozenset({"the", "a", "an", "its", "their", "his", "her"})


@dataclass(frozen=True, slots=True)
class GoldEdge:
    s: tuple[str, ...]
    p: str
    o: tuple[str, ...]
    note: str = ""

    def fits(self, key: tuple[str, str, str]) -> bool:
        s, p, o = key
        if p != self.p:
            return False
        return (s in self.s and o in self.o) or (p == "cooperation" and o in self.s and s in self.o)


@dataclass(frozen=True, slots=True)
class Gold:
    id: str
    title: str
    text: str
    entities: Mapping[str, tuple[str, ...]]
    edges: tuple[GoldEdge, ...]
    optional: tuple[GoldEdge, ...] = ()
    partial: bool = False


@dataclass(frozen=True, slots=True)
class Figures:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass(slots=True)
class Scores:
    """Typed figures (alliance or dispute, with direction), the misses and the false alarms."""

    articles: int
    triples: int
    typed: Figures
    misses: list[tuple[str, GoldEdge]] = field(default_factory=list)
    false_alarms: list[tuple[str, tuple[str, str, str], Mapping[str, Any]]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        figures = self.typed.as_dict()
        return {**figures, "articles": self.articles, "triples": self.triples, "typed": figures}


def name_words(text: str) -> tuple[str, ...]:
    """A name as the matching compares it.

    >>> name_words("The EU's  AI-rules")
    ('eu', 'ai', 'rules')
    """
    text = text.replace("\u2019", "'").replace("\u2018", "'").casefold()
    text = re.sub(r"'s\b|s'(?=\s|$)", "", text)
    words = re.findall(r"[\w&]+", text)
    while words and words[0] in _LEADING:
        words = words[1:]
    return tuple(words)


def _inside(big: Sequence[str], small: Sequence[str]) -> int | None:
    """Where ``small`` starts inside ``big``, or None."""
    n = len(small)
    for i in range(len(big) - n + 1):
        if n and tuple(big[i : i + n]) == tuple(small):
            return i
    return None


def resolve(name: str, entities: Mapping[str, tuple[str, ...]]) -> str:
    """The gold entity a predicted name stands for, or ``~`` and its own words."""
    words = name_words(name)
    if not words:
        return "?"
    forms = [(name_words(form), eid) for eid, names in entities.items() for form in names]
    forms = [(f, eid) for f, eid in forms if f]
    for form, eid in forms:
        if form == words:
            return eid
    inside = [(len(f), -at, eid) for f, eid in forms if (at := _inside(words, f)) is not None]
    if inside:
        return max(inside)[2]
    around = [(-len(f), eid) for f, eid in forms if _inside(f, words) is not None]
    if around:
        return max(around)[1]
    return "~" + " ".join(words)


def _key(s: str, p: str, o: str) -> tuple[str, str, str]:
    return (o, p, s) if p == "cooperation" and o < s else (s, p, o)


def score(golds: Sequence[Gold], triples: Iterable[Mapping[str, Any]]) -> Scores:
    """Compare extracted triples (as ``graphbuild extract --format jsonl`` prints them) with the gold."""
    by_article: dict[str, list[Mapping[str, Any]]] = {}
    count = 0
    for t in triples:
        count += 1
        by_article.setdefault(str(t.get("article")), []).append(t)
    scores = Scores(articles=len(golds), triples=count, typed=Figures())
    tp = fp = fn = 0
    for gold in golds:
        predicted: dict[tuple[str, str, str], Mapping[str, Any]] = {}
        for t in by_article.get(gold.id, []):
            if t.get("negated") or t.get("polarity") not in SCORED:
                continue
            key = _key(resolve(t["subject"], gold.entities), t["polarity"], resolve(t["object"], gold.entities))
            if gold.partial and key[0].startswith("~") and key[2].startswith("~"):
                continue  # a partial file says nothing of actors it does not tag
            predicted.setdefault(key, t)
        required = [e for e in gold.edges if e.p in SCORED]
        acceptable = required + [e for e in gold.optional if e.p in SCORED]
        open_edges = list(range(len(required)))
        for key, t in predicted.items():
            hit = next((i for i in open_edges if required[i].fits(key)), None)
            if hit is not None:
                open_edges.remove(hit)
                tp += 1
            elif not any(e.fits(key) for e in acceptable):
                fp += 1
                scores.false_alarms.append((gold.id, key, t))
        fn += len(open_edges)
        scores.misses.extend((gold.id, required[i]) for i in open_edges)
    scores.typed = Figures(tp, fp, fn)
    return scores


def _ids(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _edges(items: Iterable[Mapping[str, Any]]) -> tuple[GoldEdge, ...]:
    return tuple(GoldEdge(_ids(e["s"]), e["p"], _ids(e["o"]), e.get("note", "")) for e in items)


def _referenced_text(base: Path, ref: Mapping[str, Any]) -> str:
    """Text kept in a collection: ``{"file": ..., "field": "doc_id" or "url", "value": ...}``."""
    path = base / ref["file"]
    with path.open(newline="", encoding="utf-8") as fh:
        if path.suffix == ".csv":
            csv.field_size_limit(1 << 30)
            rows: Iterable[Mapping[str, Any]] = csv.DictReader(fh)
        else:
            rows = (json.loads(line) for line in fh if line.strip())
        for row in rows:
            if str(row.get(ref["field"])) == str(ref["value"]):
                return str(row["text"])
    raise InputError(f"{path}: no record with {ref['field']} = {ref['value']!r}; check the gold file's text_ref.")


def read_gold(gold_dir: str | Path) -> list[Gold]:
    """Every gold file (``*.json``) in a directory, sorted by file name.

    Raises:
        InputError: the directory has no gold, or a file is not gold (with the file named).
    """
    directory = Path(gold_dir)
    files = sorted(directory.glob("*.json"))
    if not files:
        raise InputError(f"No gold files (*.json) in {str(directory)!r}; give a directory of annotated articles.")
    golds = []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if "text" in data:
                text = data["text"]
            elif "text_ref" in data:
                text = _referenced_text(path.parent, data["text_ref"])
            else:
                text = (path.parent / data["text_file"]).read_text(encoding="utf-8")
            golds.append(
                Gold(
                    id=str(data["id"]),
                    title=data.get("title", ""),
                    text=text,
                    entities={k: tuple(v) for k, v in data["entities"].items()},
                    edges=_edges(data.get("edges", [])),
                    optional=_edges(data.get("optional", [])),
                    partial=bool(data.get("partial", False)),
                )
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
            raise InputError(
                f"{path}: not a gold file ({e.__class__.__name__}: {e}); see graphbuild evaluate --help."
            ) from e
    return golds


def as_jsonl(golds: Sequence[Gold]) -> bytes:
    """The gold articles as JSON Lines, the way any user's articles are read."""
    lines = (json.dumps({"id": g.id, "title": g.title, "text": g.text}, ensure_ascii=False) for g in golds)
    return "\n".join(lines).encode("utf-8") + b"\n"


def read_gold_articles(golds: Sequence[Gold]) -> list[Any]:
    """The gold's articles through graphbuild's own reader (``graphbuild.read``)."""
    from graphbuild.read import read_articles

    return list(read_articles(["-"], stdin=io.BytesIO(as_jsonl(golds))))
