"""Which way a relative date points: the tense of the clause an expression sits in.

"On Tuesday" in "troops attacked on Tuesday" is the Tuesday before the article; in "leaders will
meet on Tuesday" it is the next one. A parse gives the governing verb; without one, the nearest
tense cue in the same sentence is a fair stand-in.
"""

from __future__ import annotations

import re
from typing import Any, Literal

Tense = Literal["past", "present", "future"]

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|wo n't|shall|'ll|going to|is to|are to|due to|scheduled|schedule|plans? to|"
    r"planned|expected to|expects? to|set to|intends? to|upcoming|would|aims? to|to be held)\b",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(
    r"\b(?:was|were|had|did|said|told|met|killed|died|fled|took|began|came|went|left|saw|"
    r"fought|struck|shot|hit|held|made|gave|found|announced|ago|yesterday|last|fell|won|lost|"
    r"ran|sent|spoke|stood|broke|brought|caught|drove|flew|heard|kept|led|paid|rose|sold|"
    r"threw|wrote|became|blew|burned|seized|overran|withdrew|fled|slew|"
    # "-ed" forms count unless a present or future auxiliary makes them passive participles.
    r"(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\w{3,}ed)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s+(?=[A-Z\"'(])|\n\s*\n")
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "ll"})


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), found by punctuation (cheap, no parser needed)."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() + 1 if right_match else len(text)
    return left, right


def tense_from_cues(text: str, start: int, end: int) -> Tense | None:
    """The tense cue closest to the expression within its sentence."""
    left, right = sentence_bounds(text, start, end)
    best: tuple[int, Tense] | None = None
    for pattern, tense in ((_FUTURE_CUE, "future"), (_PAST_CUE, "past")):
        for match in pattern.finditer(text, left, right):
            if start <= match.start() < end:
                continue
            distance = start - match.end() if match.end() <= start else match.start() - end
            # Future markers precede their verb ("will ... meet"); weigh them as if nearer.
            if tense == "future":
                distance = distance // 2
            if best is None or distance < best[0]:
                best = (distance, tense)  # type: ignore[assignment]
    return best[1] if best else None


def tense_from_doc(doc: Any, start: int, end: int) -> Tense | None:
    """Tense of the verb that governs the tokens in [start, end) of a spaCy ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    steps = 0
    while token.pos_ not in ("VERB", "AUX") and token.head is not token and steps < 8:
        token = token.head
        steps += 1
    if token.pos_ not in ("VERB", "AUX"):
        return None
    auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
    if any(aux.lower_ in _FUTURE_AUX for aux in auxiliaries):
        return "future"
    if any(aux.lower_ == "going" for aux in auxiliaries) or token.lower_ == "going":
        return "future"
    if "Past" in token.morph.get("Tense") or any(
        "Past" in aux.morph.get("Tense") for aux in auxiliaries
    ):
        return "past"
    if any(aux.lemma_ == "have" for aux in auxiliaries):
        return "past"
    if token.morph.get("VerbForm") == ["Inf"] and token.head is not token:
        head = token.head
        if head.lemma_ in ("plan", "expect", "schedule", "intend", "due", "set", "aim", "hope"):
            return "future"
        return tense_from_doc_token(head)
    if "Pres" in token.morph.get("Tense"):
        return "present"
    return None


def tense_from_doc_token(token: Any) -> Tense | None:
    if "Past" in token.morph.get("Tense"):
        return "past"
    if any(child.lower_ in _FUTURE_AUX for child in token.children):
        return "future"
    if "Pres" in token.morph.get("Tense"):
        return "present"
    return None
