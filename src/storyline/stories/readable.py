"""Wording a reader can take in: claims told as sentences, and summary sentences that neither
quote a spun rewrite nor open with a pronoun nobody introduced.

The claims stage keeps a verb's lemma ("confirm", "according to"); a timeline line reads
"Iran confirmed that ...", never "Iran confirm: ...".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Article, Claim
from storyline.stories.sentences import SourceSentence

_IRREGULAR = {
    "say": "said", "tell": "told", "write": "wrote", "think": "thought", "speak": "spoke",
    "give": "gave", "hold": "held", "find": "found", "see": "saw", "know": "knew",
    "put": "put", "read": "read", "tweet": "tweeted", "admit": "admitted",
}  # fmt: skip
_ACCORDING = ("according to", "according")
# Openers that need a referent from the sentence before: "It counted ...", "He added ...".
_PRONOUN_OPENERS = frozenset(
    [
        "it",
        "its",
        "he",
        "his",
        "she",
        "her",
        "they",
        "their",
        "them",
        "this",
        "these",
        "those",
        "such",
    ]
)
_FIRST_WORD = re.compile(r"^[\"'“‘(]*([A-Za-z]+)")


def past_tense(verb: str) -> str:
    """'confirm' -> 'confirmed', 'deny' -> 'denied', 'say' -> 'said'; phrases by first word."""
    head, _, tail = verb.strip().partition(" ")
    word = head.lower()
    if not word:
        return verb
    if word in _IRREGULAR:
        past = _IRREGULAR[word]
    elif word.endswith("ed"):
        past = word
    elif word.endswith("e"):
        past = word + "d"
    elif word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        past = word[:-1] + "ied"
    else:
        past = word + "ed"
    return f"{past} {tail}".strip()


def claim_sentence(claim: Claim) -> str:
    """A claim as a sentence: "Iran confirmed that ...", "According to Moscow, ...".

    Text that opens with a capital is the speaker's own words and is quoted as such.
    """
    speaker = claim.speaker.strip() or "A source"
    text = claim.text.strip().rstrip(".").strip()
    if not text:
        return ""
    if claim.verb.strip().lower() in _ACCORDING:
        return f"According to {speaker}, {_lower_first(text)}."
    verb = past_tense(claim.verb or "say")
    if text[0].isupper() and not _starts_with_name(text):
        return f"{speaker} {verb}: “{text}.”"
    return f"{speaker} {verb} that {text}."


def _starts_with_name(text: str) -> bool:
    """'Russian jets ...' keeps its capital; 'The strikes ...' or 'We ...' is a quotation."""
    first = text.split(" ", 1)[0]
    return first.lower() not in {"the", "a", "an", "we", "i", "our", "at", "in", "there"}


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first.lower() in {"the", "a", "an", "there", "at", "in", "some", "most", "several"}:
        return text[0].lower() + text[1:]
    return text


def opens_with_pronoun(text: str) -> bool:
    """Whether a sentence opens with a pronoun that needs the sentence before it."""
    match = _FIRST_WORD.match(text.strip())
    return bool(match) and match.group(1).lower() in _PRONOUN_OPENERS


def summary_pool(
    articles: Sequence[Article], sentences: Sequence[SourceSentence]
) -> list[SourceSentence]:
    """Sentences a summary may quote.

    A spun rewrite's sentences go when the story holds another article (its original or any
    other report): a summary quotes what a newsroom wrote, not a machine's paraphrase. A
    sentence opening with a pronoun goes too, since nothing guarantees that the summary
    sentence before it is the one it refers to. Either rule stands aside when it would leave
    nothing to summarise.
    """
    spun = {a.id for a in articles if "spun" in a.flags}
    kept = [s for s in sentences if s.article_id not in spun] or list(sentences)
    named = [s for s in kept if not opens_with_pronoun(s.text)]
    return named or kept
