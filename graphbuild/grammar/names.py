"""Name tests shared by the grammar and name normalisation, without spaCy."""

from __future__ import annotations

import re

# Longer than this, a mention is not a name but a run of text the model took for one (a word
# thousands of letters long, a list of names without commas): it makes no actor, on either
# backend. The longest names of states and organisations are about 100 characters.
MAX_NAME_CHARS = 200
# one word, two capitals or more: "EADS", "AfCFTA", "BoA"
ACRONYM = re.compile(r"[A-Z][A-Za-z&]{0,9}")
_SKIPPED = frozenset({"of", "and", "the", "for", "&", "de", "du", "des", "la", "le"})


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` can be an acronym of ``long``: its letters all begin words of the long
    form, in any order ("PKK" for "Kurdistan Workers' Party", whose acronym is Kurdish), or
    they are found in order with the first beginning the first word, as an acronym takes
    letters inside a word ("CFVC" for "Ceasefire Violations Committee"). Never "UNESCO" for
    "Cultural Organization", nor "UNIFIL" for "Lebanon".

    >>> [abbreviates(s, l) for s, l in [("EADS", "European Aeronautic Defence & Space"), ("PKK", "Kurdistan Workers' Party"),
    ...     ("CFVC", "Ceasefire Violations Committee"), ("UNESCO", "Cultural Organization"), ("UNIFIL", "Lebanon")]]
    [True, True, True, False, False]
    """
    letters = [c.casefold() for c in short if c.isalpha()]
    words = [w for w in long.replace("-", " ").split() if w[:1].isalpha()]
    if len(letters) < 2 or not words:
        return False
    if set(letters) <= {w[0].casefold() for w in words}:
        return True
    content = [w for w in words if w.casefold() not in _SKIPPED]
    if not content or content[0][0].casefold() != letters[0]:
        return False
    text, at = " ".join(content).casefold(), 0
    for letter in letters:
        at = text.find(letter, at) + 1
        if at == 0:
            return False
    return True


def is_acronym(text: str) -> bool:
    """ "EADS", "AfCFTA", "BoA": one word, two capitals or more.

    >>> is_acronym("EADS"), is_acronym("AfCFTA"), is_acronym("Apple"), is_acronym("A")
    (True, True, False, False)
    """
    return ACRONYM.fullmatch(text) is not None and sum(c.isupper() for c in text) >= 2


def is_name_length(text: str) -> bool:
    """Whether ``text`` is short enough to be an actor's name (``MAX_NAME_CHARS``).

    >>> is_name_length("Organisation for Economic Co-operation and Development"), is_name_length("Zz" * 500)
    (True, False)
    """
    return len(text) <= MAX_NAME_CHARS
