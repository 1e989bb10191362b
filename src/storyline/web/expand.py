"""Search queries widened through the entity knowledge base: any alias finds its entity.

Only spellings the base gives as names (the canonical name and its aliases) expand a query;
demonyms and seats do not ("Moscow" is not a search for every article about Russia). Short
all-capital forms such as "IS" only expand when typed in capitals, so the word "is" stays a
word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from storyline.nlp.aliases import fold, load_aliases

MAX_ENTITIES = 3
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Expansion:
    entities: list[str] = field(default_factory=list)  # canonical names the query names
    queries: list[str] = field(default_factory=list)  # the query with each name canonical
    rest: str = ""  # the query's other words, which articles mentioning the entity must hold


def _normal(text: str) -> str:
    return _SPACE.sub(" ", fold(text)).strip()


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[str, ...]]:
    """Folded spelling -> canonical entities it names."""
    found: dict[str, set[str]] = {}
    try:
        base = load_aliases()
    except (OSError, ValueError):
        return {}
    for entity in base.entities.values():
        for spelling in [entity.name, *entity.aliases]:
            key = _normal(spelling)
            if key:
                found.setdefault(key, set()).add(entity.name)
    return {key: tuple(sorted(names)) for key, names in found.items()}


def expand_query(query: str) -> Expansion:
    """The longest known name in the query, as canonical entity names and rewritten queries."""
    words = query.split()
    forms = _forms()
    for size in range(len(words), 0, -1):
        for start in range(0, len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            names = forms.get(_normal(phrase.strip(".,;:!?\"'()")))
            if not names:
                continue
            if len(phrase) <= 3 and not phrase.isupper():
                continue  # "is" typed in lower case is the verb, not the group
            names = names[:MAX_ENTITIES]
            rest = " ".join(words[:start] + words[start + size :])
            queries = [
                " ".join([*words[:start], name, *words[start + size :]])
                for name in names
                if _normal(name) != _normal(phrase)
            ]
            return Expansion(entities=list(names), queries=queries, rest=rest)
    return Expansion()
