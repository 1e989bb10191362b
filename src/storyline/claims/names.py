"""Names as the contradiction finder compares them: canonical, and rolled up to the actor.

"ISIS" and "Islamic State" must count as one target group; "the Russian defence ministry"
and "Russian jets" as one actor. The shared alias knowledge base knows both when present; the
caller may also pass its own canonicaliser (the integrator's entity linker).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

CanonicalName = Callable[[str], "str | None"]

SHORT_FORM_CHARS = 4  # forms this short ("IS") only match in their own casing
MAX_ROLLUP = 4


@dataclass(frozen=True, slots=True)
class NameBook:
    canonical: CanonicalName
    parent: CanonicalName  # the body a name acts for ("Sergei Lavrov" -> "Russia")

    def name(self, text: str) -> str:
        """Lower-cased canonical form, without a leading article or trailing possessive."""
        stripped = re.sub(r"^(the|so-called)\s+", "", text.strip(), flags=re.I)
        stripped = re.sub(r"['\u2019]s$", "", stripped)
        return (self.canonical(stripped) or self.canonical(text) or stripped).lower()

    def actor(self, text: str) -> str:
        """The outermost body a name belongs to, so a ministry and its state compare equal."""
        stripped = re.sub(r"^(the|so-called)\s+", "", text.strip(), flags=re.I)
        current = self.canonical(stripped) or self.canonical(text) or stripped
        for _ in range(MAX_ROLLUP):
            parent = self.parent(current)
            if not parent or parent == current:
                break
            current = parent
        return current


def name_book(canonical: CanonicalName | None = None) -> NameBook:
    base_canonical, base_parent = _knowledge_base()
    if canonical is None:
        return NameBook(base_canonical, base_parent)

    def combined(text: str) -> str | None:
        return canonical(text) or base_canonical(text)

    return NameBook(combined, base_parent)


@lru_cache(maxsize=1)
def _knowledge_base() -> tuple[CanonicalName, CanonicalName]:
    try:
        from storyline.nlp.aliases import load_aliases
    except ImportError:  # the knowledge base is optional for this stage
        return (lambda text: None), (lambda text: None)
    base = load_aliases()
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    parents: dict[str, str] = {}
    for entity in base.entities.values():
        if entity.link:
            parents[entity.name] = entity.link
        for form in (entity.name, *entity.aliases, *entity.demonyms):
            exact.setdefault(form, entity.name)
            if len(form) > SHORT_FORM_CHARS:
                folded.setdefault(form.lower(), entity.name)

    def lookup(text: str) -> str | None:
        return exact.get(text) or folded.get(text.lower())

    return lookup, parents.get
