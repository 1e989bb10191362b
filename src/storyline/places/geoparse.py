"""Finding place names in text and resolving them.

spaCy's small model finds most places but cuts or mislabels transliterated ones ("Deir
ez-Zor" comes out as "Deir", "Maaret al-Numan" as a PERSON), so a gazetteer matcher runs over
the same text and the longest candidate span wins. A span that only the gazetteer found must be
made of proper nouns and must not sit inside a longer non-place entity ("Jordan" in "Michael
Jordan"), so common words that happen to name a village somewhere are not places. Demonyms and
nationalities are never places; they only inform the country context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from storyline.places.fold import ARTICLES, plain_key, skeleton_key
from storyline.places.gazetteer import Gazetteer, load_gazetteer
from storyline.places.resolver import (
    ALTERNATE_QUALITIES,
    DIVISION_WORDS,
    LOOSE_ALTERNATE,
    HomeProfile,
    ResolvedPlace,
    _Candidate,
    _Mention,
    _resolve_jointly,
    lookup,
    make_mention,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_WORD = re.compile(r"[^\W_]+(?:['’ʿ][^\W_]+)*", re.UNICODE)
# Lower-case words allowed inside a multi-word name ("Bay of Pigs", "Rostov-on-Don").
_CONNECTORS = frozenset(
    {
        "of",
        "on",
        "upon",
        "de",
        "del",
        "la",
        "le",
        "du",
        "des",
        "da",
        "do",
        "di",
        "the",
        "and",
        "bin",
        "ibn",
        "abu",
        "van",
        "von",
        "y",
        "am",
        "im",
    }
)
_ABBREVIATED = frozenset({"st", "mt", "ft", "pt", "ste"})
MIN_GAZETTEER_ONLY_POPULATION = 10000
PROMINENT_POPULATION = 200000
KNOWN_TOWN_POPULATION = 10000
CITY_POPULATION = 100000


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    source: str  # "ner" or "gazetteer"


def geoparse(
    doc_or_text: Doc | str,
    *,
    context_countries: Iterable[str] = (),
    gazetteer: Gazetteer | None = None,
    home: HomeProfile | None = None,
) -> list[ResolvedPlace]:
    """All resolvable place mentions in a text, in order, with exact character offsets."""
    gazetteer = gazetteer or load_gazetteer()
    if isinstance(doc_or_text, Doc):
        doc = doc_or_text
    else:
        from storyline.nlp.model import load_nlp

        doc = load_nlp(("lemmatizer",))(doc_or_text)
    text = doc.text
    mentions: list[_Mention] = [
        mention
        for mention in (
            make_mention(gazetteer, text, s.start, s.end, allow_fuzzy=False)
            for s in find_toponym_spans(doc, gazetteer)
        )
        if mention.candidates
    ]
    resolved = _resolve_jointly(gazetteer, text, mentions, context_countries, home)
    return [place for place in resolved if place is not None]


def find_toponym_spans(doc: Doc, gazetteer: Gazetteer) -> list[_Span]:
    """Candidate toponym spans from NER and from the gazetteer, longest first, no overlaps."""
    text = doc.text
    proper = _proper_noun_chars(doc)
    entities = doc.ents  # spaCy rebuilds this tuple on every access
    other_entities = [(e.start_char, e.end_char) for e in entities if e.label_ not in PLACE_LABELS]
    candidates: list[_Span] = []
    for ent in entities:
        if ent.label_ in PLACE_LABELS:
            start, end = _trim(text, ent.start_char, ent.end_char)
            if (
                end > start
                and text[start].isupper()
                and not gazetteer.demonyms.get(plain_key(text[start:end]))
                and not _mislabelled_place(text[start:end])
            ):
                candidates.append(_Span(start, end, "ner"))
    people = [(e.start_char, e.end_char) for e in entities if e.label_ == "PERSON"]
    person_words = {
        word for e in entities if e.label_ == "PERSON" and len(e) > 1 for word in e.text.split()
    }
    sentence_starts = {sent.start_char for sent in doc.sents}
    for start, end in gazetteer_matches(text, gazetteer):
        surface = text[start:end]
        multiword = len(surface.split()) > 1 or "-" in surface
        in_person = any(s <= start and end <= e and (s, e) != (start, end) for s, e in people)
        inside_other = any(
            s <= start and end <= e and (s, e) != (start, end) for s, e in other_entities
        )
        straddles = any(
            start < e
            and s < end
            and not (s <= start and end <= e)
            and not (start <= s and e <= end)
            for s, e in other_entities
        )
        if in_person or (straddles and not multiword) or _mislabelled_place(surface):
            continue
        if not multiword:
            if surface in person_words or _after_title(text, start):
                continue
            if surface.isupper() and len(surface) <= 4 and not _curated(gazetteer, surface):
                continue  # CNN, SAT, KLM: acronyms that happen to be some place's code
            is_proper = all(proper[i] or not text[i].isalnum() for i in range(start, end))
            if start in sentence_starts or not is_proper:
                needed = PROMINENT_POPULATION  # a capitalised common word, most likely
            elif (start, end) in people:
                needed = PROMINENT_POPULATION
            elif inside_other:
                needed = CITY_POPULATION  # "Texas Department of Health", not "Police Department"
            elif (start, end) in other_entities:
                needed = KNOWN_TOWN_POPULATION
            else:
                needed = MIN_GAZETTEER_ONLY_POPULATION
            if not _prominent(gazetteer, surface, needed):
                continue
        elif inside_other and not _prominent(gazetteer, surface, CITY_POPULATION):
            continue
        candidates.append(_Span(start, end, "gazetteer"))
    candidates = [c for c in candidates if not _is_qualifier_abbreviation(gazetteer, text, c)]
    candidates = [_extend_division(text, span) for span in candidates]
    # A tagged span the gazetteer cannot place must not hide a shorter one it can.
    candidates = [
        span
        for span in candidates
        if span.source == "gazetteer"
        or make_mention(gazetteer, text, span.start, span.end, allow_fuzzy=False).candidates
    ]
    # Longest first; a shorter span overlapping a kept one is dropped.
    candidates.sort(key=lambda s: (-(s.end - s.start), s.start, s.source != "ner"))
    kept: list[_Span] = []
    for span in candidates:
        if all(span.end <= k.start or k.end <= span.start for k in kept):
            kept.append(span)
    kept.sort(key=lambda s: s.start)
    return kept


_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "gen",
        "general",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "minister",
        "king",
        "prince",
        "sheikh",
        "pope",
        "judge",
        "mayor",
        "col",
        "lt",
        "sgt",
        "capt",
        "coach",
        "officer",
        "chief",
        "secretary",
        "ambassador",
        "envoy",
        "commander",
        "spokesman",
        "spokeswoman",
    }
)


# Words that the tagger calls a place on their own ("the West"), or that are left over when it
# misses a longer name ("Islamic State"), and then match only a hamlet or a fold of one (West,
# Texas; Statte, Italy).
_NOT_PLACES_ALONE = frozenset(
    {
        "west",
        "east",
        "north",
        "south",
        "western",
        "eastern",
        "northern",
        "southern",
        "state",
        "states",
        "nation",
        "republic",
        "kingdom",
        "union",
        "empire",
        "world",
        "city",
        "capital",
        "government",
        "coalition",
        "regime",
    }
)


def _mislabelled_place(surface: str) -> bool:
    """A person with a title ("President Roch", "Secretary Ash") or a bare common word."""
    words = surface.split()
    if not words:
        return True
    if len(words) == 1:
        return words[0].lower() in _NOT_PLACES_ALONE
    return words[0].lower().strip(".") in _TITLES


def _after_title(text: str, start: int) -> bool:
    previous = re.findall(r"[A-Za-z]+", text[max(0, start - 15) : start])
    return bool(previous) and previous[-1].lower() in _TITLES


def _prominent(gazetteer: Gazetteer, surface: str, population: int) -> bool:
    """Known enough to trust against a tagger that called it something else."""
    return any(
        c.quality <= LOOSE_ALTERNATE
        and (c.entry.curated or c.entry.population >= _population_needed(surface, c, population))
        for c in lookup(gazetteer, surface, allow_skeleton=False)
    )


def _curated(gazetteer: Gazetteer, surface: str) -> bool:
    return any(
        c.entry.curated and c.quality <= LOOSE_ALTERNATE
        for c in lookup(gazetteer, surface, allow_skeleton=False)
    )


def _is_qualifier_abbreviation(gazetteer: Gazetteer, text: str, span: _Span) -> bool:
    """'La.' in 'Alexandria, La.' qualifies the town before it; it is not a place mention."""
    surface = text[span.start : span.end]
    end = span.end + 1 if text[span.end : span.end + 1] == "." else span.end
    full = text[span.start : end]
    if full not in gazetteer.state_abbreviations and surface not in gazetteer.state_abbreviations:
        return False
    after_comma = bool(re.search(r",\s*$", text[max(0, span.start - 3) : span.start]))
    return after_comma and (full.endswith(".") or (surface.isupper() and len(surface) <= 3))


def _proper_noun_chars(doc: Doc) -> bytearray:
    """Per character offset, 1 where its token is tagged a proper noun."""
    flags = bytearray(len(doc.text))
    for token in doc:
        if token.pos_ == "PROPN" or token.tag_ in ("NNP", "NNPS"):
            flags[token.idx : token.idx + len(token.text)] = b"\x01" * len(token.text)
    return flags


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'the', a trailing possessive and a trailing lower-case word."""
    surface = text[start:end]
    lowered = surface.lower()
    if lowered.startswith("the "):
        start += 4
    for suffix in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
            break
    # The tagger sometimes takes the next small word along ("the Gulf on Monday").
    trailing = re.search(r"\s+[a-z]+$", text[start:end])
    if trailing and " " in text[start:end].strip():
        end = start + trailing.start()
    return start, end


def _extend_division(text: str, span: _Span) -> _Span:
    """'Idlib province': take the division word into the mention."""
    match = re.match(r"\s+([A-Za-z]+)", text[span.end : span.end + 20])
    if match and match.group(1).lower() in DIVISION_WORDS:
        return _Span(span.start, span.end + match.end(), span.source)
    return span


def gazetteer_matches(text: str, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Longest gazetteer names found in running text, left to right, capitalised only."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        best_end = -1
        if _can_start(words, i, text):
            for j in range(i, min(i + gazetteer.max_words + 2, len(words))):
                if j > i and not _joinable(text, words[j - 1], words[j]):
                    break
                word = words[j][2]
                if not (word[0].isupper() or word[0].isdigit()):
                    if word.lower() in _CONNECTORS or word.lower() in ARTICLES:
                        continue
                    break
                start, end = words[i][0], words[j][1]
                if _names_a_place(gazetteer, text[start:end], single=(i == j)):
                    best_end = j
        if best_end >= 0:
            found.append((words[i][0], words[best_end][1]))
            i = best_end + 1
        else:
            i += 1
    return found


def _can_start(words: list[tuple[int, int, str]], i: int, text: str) -> bool:
    word = words[i][2]
    if word[0].isupper():
        return True
    # "al-Bab", "ad-Dana": a lower-case article hyphenated onto a capitalised name
    return (
        word.lower() in ARTICLES
        and i + 1 < len(words)
        and text[words[i][1] : words[i + 1][0]] == "-"
        and words[i + 1][2][0].isupper()
    )


def _joinable(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    gap = text[left[1] : right[0]]
    if gap in (" ", "-", "- ", " - "):
        return True
    return gap == ". " and left[2].lower() in _ABBREVIATED


def _names_a_place(gazetteer: Gazetteer, surface: str, *, single: bool) -> bool:
    """Whether a span is worth proposing: a curated name, or a real town, never a demonym."""
    key = plain_key(surface)
    if not key or gazetteer.demonyms.get(key):
        return False
    if single and (len(surface) < 3 or (len(surface) <= 3 and not surface.isupper())):
        return False
    for candidate in lookup(gazetteer, surface, allow_skeleton=not single):
        entry = candidate.entry
        if candidate.quality > LOOSE_ALTERNATE and single:
            continue
        if (entry.curated and candidate.quality <= LOOSE_ALTERNATE) or candidate.quality == 4:
            return True
        if candidate.quality <= LOOSE_ALTERNATE and (
            not single
            or entry.population
            >= _population_needed(surface, candidate, MIN_GAZETTEER_ONLY_POPULATION)
        ):
            return True
    return False


def _population_needed(surface: str, candidate: _Candidate, population: int) -> int:
    """The size a lone word's town must have: more when the word is only another name of it.

    "Human" is Uman's Polish name and counts only for a big place ("Kiev" for Kyiv); a
    respelling of the town's own name ("Saraqeb" for Saraqib, same consonant skeleton) counts
    like the name itself.
    """
    other_name = candidate.quality in ALTERNATE_QUALITIES and skeleton_key(surface) != skeleton_key(
        candidate.entry.name
    )
    return max(population, PROMINENT_POPULATION) if other_name else population
