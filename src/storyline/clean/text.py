"""Tell a plain-text scrape's article body from the page chrome around and inside it.

A plain-text scrape is a page's visible text, one block per line. No library cleans that
shape, so this module judges each line in three passes:

1. Line features: length, stopword density, sentence punctuation, title case, digits, and cue
   phrases from :mod:`storyline.clean.chrome_lexicon` (cookie prompts, share bars, comment
   widgets, ...). Each line gets a body score and a first class: prose, short or chrome.
2. Page context: lines repeated within the page (captions shown twice, menus at top and
   bottom), the main body region (the densest run of prose, allowing short gaps), lists
   opened by "More like this"-style headings, and a headline-like line inside the body that
   shares no words with it (a related story dropped into the text).
3. Lines no cue condemned are scored by a small logistic model over the line's features and
   its context (``FEATURE_NAMES``; weights in ``chrome_patterns.json``). One of its inputs is
   the rule verdict: prose inside the body region is kept, and short lines (subheadings, list
   items) inherit from their neighbours as in jusText. Without the weights file the rule
   verdict alone decides.

The title, byline and dateline are labelled ``title``, ``byline`` and ``dateline`` so a
metadata stage can read them from ``ChromeResult.lines``; they are *not* part of ``body``,
which holds only the article text.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from storyline.clean.chrome_lexicon import ANYWHERE_CUES, LINE_START_CUES, WHOLE_LINE_CUES
from storyline.model import Line

# Languages whose stopwords count towards "this reads like prose" (lists from spaCy, MIT).
STOPWORD_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl")
STOPWORDS_FILE = Path(__file__).with_name("stopwords.txt")
# A prose line: enough words, and enough of them function words.
PROSE_MIN_WORDS = 8
PROSE_MIN_STOP_RATIO = 0.18
LONG_LINE_WORDS = 25
# Chrome cues only condemn lines short enough to be widgets rather than prose about the topic.
CUE_MAX_WORDS = 30
# Prose lines further apart than this (in non-prose lines) belong to different regions.
REGION_MAX_GAP = 6
CHROME_GAP_WEIGHT = 1.5  # a chrome line between prose counts this much towards the gap
PLAIN_GAP_WEIGHT = 0.15  # a plain short line (table cell, list item, subheading) this much
# A region this much smaller than the main one is kept only if it is itself substantial.
SIDE_REGION_MIN_SHARE = 0.35
SIDE_REGION_MIN_CHARS = 600
# A headline inside the body sharing fewer of its content words with the body is a teaser.
TEASER_MAX_OVERLAP = 0.2
TEASER_MIN_CONTENT_WORDS = 4

# Chrome that sits inside an article without ending it; a short line next to it may be body.
INLINE_CHROME = frozenset(
    {
        "advertisement",
        "caption",
        "caption-repeat",
        "related-headline",
        "share",
        "donation",
        "newsletter",
        "title",
        "byline",
        "dateline",
        "header-date",
        "notification",
    }
)

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_SECOND_PERSON = re.compile(
    r"\b(you|your|we|our|us|sie|ihr|ihre|ihren|wir|uns|unser|unsere|du|dein|deine|vous|votre|"
    r"nous|notre)\b",
    re.IGNORECASE,
)
_IMPERATIVE_START = re.compile(
    r"^\W*(sign up|subscribe|join|click|get|support|donate|give|become|jetzt|unterstütze|"
    r"melde dich|abonniere|hol dir|spende|register|follow|folge|want)\b",
    re.IGNORECASE,
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januar|jänner|februar|märz|mai|juni|juli|"
    "oktober|dezember|okt|dez|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|"
    "novembre|décembre"
)
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|"
    "sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|lundi|mardi|"
    "mercredi|jeudi|vendredi|samedi|dimanche"
)
_DATE_WORDS = (
    rf"{_MONTHS}|{_WEEKDAYS}|am|pm|gmt|utc|bst|cet|cest|est|edt|pst|uhr|h|today|yesterday|"
    r"heute|gestern|updated|published|posted|last|aktualisiert|veröffentlicht|stand|erstellt|"
    r"on|at|um|am|le|à|de|del|of|the|ago|vor|minutes?|hours?|days?|mins?|hrs?|stunden?|"
    r"minuten?|tagen?|st|nd|rd|th|mis|jour|publié|read|lesezeit|min|time"
)
_DATE_LINE = re.compile(
    rf"^[\W\d_]*((?:{_DATE_WORDS})\b[\W\d_]*)+$|^[\W_]*\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}"
    r"[\W\d_]*$",
    re.IGNORECASE,
)
_HAS_DATE = re.compile(
    rf"\b\d{{1,2}}\.? ?(?:{_MONTHS})\b|\b(?:{_MONTHS})\.? \d{{1,2}}\b|\b\d{{1,2}}[./]\d{{1,2}}"
    r"[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
_WEATHER = re.compile(
    r"-?\d{1,3} ?°(?: ?[CF])?\b|\b(weather|wetter|météo|forecast)\b", re.IGNORECASE
)
_BREADCRUMB_SEP = re.compile(r"\s(?:>|›|»|/|\||→|::)\s")
_BYLINE = re.compile(
    r"^(?i:by|von|par|por|di|door|text:|autor(?:in)?:|author:|written by|reported by|"
    r"reporting by|additional reporting by|words by|editing by)\s+[A-ZÀ-Þ]",
)
_PHOTO_CREDIT = re.compile(
    r"(\((photo|image|foto|bild|picture)s?:?[^)]*\)|(photo|image|foto|bild|credit)\s*:\s*\S+"
    r"[^.]{0,60}$|/\s*(afp|reuters|ap|getty images|dpa|epa|anadolu)\b[^.]*$|"
    r"\b(getty images|reuters|afp|ap photo|dpa|epa-efe|shutterstock)\s*$)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """Function words of ``STOPWORD_LANGUAGES``, read from ``stopwords.txt``.

    The lists are spaCy's (MIT), shipped as a data file because importing ``spacy.lang.*``
    compiles tokenizer exceptions and costs every worker several seconds. Regenerate with
    ``importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS`` per language.
    """
    words: set[str] = set()
    for row in STOPWORDS_FILE.read_text(encoding="utf-8").splitlines():
        code, _, listed = row.partition("\t")
        if code in STOPWORD_LANGUAGES:
            words.update(listed.split())
    return frozenset(words)


@dataclass(slots=True)
class LineFeatures:
    words: list[str]
    stop_ratio: float
    ends_sentence: bool
    title_ratio: float
    digit_ratio: float
    cue: str | None  # chrome kind a lexicon cue points to

    @property
    def n_words(self) -> int:
        return len(self.words)

    @property
    def prose(self) -> bool:
        """Reads like running text: enough words, function words and a sentence shape."""
        if self.cue is not None:
            return False
        if self.n_words >= LONG_LINE_WORDS:
            return self.stop_ratio >= PROSE_MIN_STOP_RATIO / 2
        return (
            self.n_words >= PROSE_MIN_WORDS
            and self.stop_ratio >= PROSE_MIN_STOP_RATIO
            and (self.ends_sentence or self.n_words >= 15)
        )

    @property
    def headline_like(self) -> bool:
        """Shaped like a headline: a handful of words, no closing full stop."""
        return 4 <= self.n_words <= 18 and not self.ends_sentence

    @property
    def content_words(self) -> set[str]:
        stop = _stopwords()
        return {w.casefold() for w in self.words if len(w) > 2 and w.casefold() not in stop}

    def score(self) -> float:
        """A rough 0..1 confidence that the line is body text, before page context."""
        if self.cue is not None:
            return 0.05
        length = min(self.n_words / LONG_LINE_WORDS, 1.0)
        stop = min(self.stop_ratio / 0.4, 1.0)
        value = 0.45 * length + 0.3 * stop + (0.15 if self.ends_sentence else 0.0)
        value += 0.1 * (1.0 - self.title_ratio) - 0.2 * self.digit_ratio
        return round(max(0.0, min(1.0, value)), 3)


def line_features(text: str) -> LineFeatures:
    text = text.replace("\u00ad", "")  # soft hyphens split words in two
    words = _WORD.findall(text)
    stop = _stopwords()
    n = len(words)
    stop_ratio = sum(w.casefold() in stop for w in words) / n if n else 0.0
    capitalised = [w for w in words if w.casefold() not in stop]
    title_ratio = (
        sum(w[0].isupper() for w in capitalised) / len(capitalised) if capitalised else 0.0
    )
    visible = [c for c in text if not c.isspace()]
    digit_ratio = sum(c.isdigit() for c in visible) / len(visible) if visible else 0.0
    return LineFeatures(
        words=words,
        stop_ratio=stop_ratio,
        ends_sentence=bool(_SENTENCE_END.search(text.strip())),
        title_ratio=title_ratio,
        digit_ratio=digit_ratio,
        cue=_cue(text, n),
    )


def _cue(text: str, n_words: int) -> str | None:
    """The chrome kind a lexicon cue assigns to this line, if any."""
    stripped = text.strip()
    if n_words <= 12:
        for reason, pattern in WHOLE_LINE_CUES:
            if pattern.match(stripped):
                return reason
    if n_words <= CUE_MAX_WORDS:
        for reason, pattern in LINE_START_CUES:
            if pattern.match(stripped):
                return reason
        for reason, pattern in ANYWHERE_CUES:
            if not pattern.search(stripped):
                continue
            # Calls to action address the reader; news about donations or cookies does not.
            if reason in {"donation", "newsletter", "notification", "cookie"} and (
                n_words > 12
                and not _SECOND_PERSON.search(stripped)
                and not _IMPERATIVE_START.match(stripped)
            ):
                continue
            return reason
    if n_words <= 12:
        if _BYLINE.match(stripped):
            return "byline"
        if _DATE_LINE.match(stripped) and (_HAS_DATE.search(stripped) or n_words <= 6):
            return "header-date"
        if n_words <= 6 and _WEATHER.search(stripped):
            return "weather"
        if len(_BREADCRUMB_SEP.findall(f" {stripped} ")) >= 2 and not _SENTENCE_END.search(
            stripped
        ):
            return "breadcrumb"
    if n_words <= 20 and _PHOTO_CREDIT.search(stripped):
        return "caption"
    return None


@dataclass(slots=True)
class ChromeResult:
    body: str
    lines: list[Line]
    removed: list[str] = field(default_factory=list)


def strip_chrome(text: str) -> ChromeResult:
    """Split a plain-text scrape into its article body and the chrome lines removed from it."""
    raw_lines = [line.strip() for line in text.splitlines()]
    lines = classify_lines([line for line in raw_lines if line])
    body = "\n".join(line.text for line in lines if line.keep)
    removed = [line.text for line in lines if not line.keep]
    return ChromeResult(body=body, lines=lines, removed=removed)


@dataclass(slots=True)
class PageContext:
    """What the page-level passes found: per-line features, chrome reasons, prose, region."""

    feats: list[LineFeatures]
    reasons: list[str | None]
    prose: list[bool]
    region: list[bool]


def analyse_page(lines: list[str]) -> PageContext:
    """Run the cue and page-context passes that every later decision reads."""
    feats = [line_features(text) for text in lines]
    reasons: list[str | None] = [f.cue for f in feats]
    _mark_repeats(lines, feats, reasons)
    prose = [reasons[i] is None and f.prose for i, f in enumerate(feats)]
    region = _body_regions(feats, prose, reasons)
    _mark_teaser_lists(feats, prose, reasons)
    _mark_dropped_in_headlines(feats, prose, region, reasons)
    _mark_title(lines, feats, region, reasons)
    return PageContext(feats, reasons, prose, region)


def classify_lines(lines: list[str]) -> list[Line]:
    """A keep/drop verdict, a reason and a body score for every line of one page."""
    page = analyse_page(lines)
    feats, reasons, prose, region = page.feats, page.reasons, page.prose, page.region
    verdicts = [
        Line(text=text, index=i, score=f.score())
        for i, (text, f) in enumerate(zip(lines, feats, strict=True))
    ]
    scorer = _load_scorer()
    for i, verdict in enumerate(verdicts):
        reason = reasons[i]
        if reason is not None:
            verdict.keep, verdict.reason = False, reason
            verdict.score = min(verdict.score, 0.2)
            continue
        rule_keep = region[i] and (prose[i] or _short_line_fits(i, feats, prose, reasons, region))
        if scorer is not None:
            verdict.score = scorer.probability(context_features(i, feats, prose, region, reasons))
            verdict.keep = verdict.score >= scorer.threshold
        else:
            verdict.keep = rule_keep
        if verdict.keep:
            verdict.reason = "body"
        else:
            verdict.reason = "navigation" if feats[i].n_words < PROSE_MIN_WORDS else "boilerplate"
    _demote_dates_to_datelines(verdicts, region)
    return verdicts


FEATURE_NAMES = (
    "log_words",
    "stop_ratio",
    "ends_sentence",
    "title_ratio",
    "digit_ratio",
    "prose",
    "headline_like",
    "in_region",
    "rule_keep",
    "prose_neighbours",
    "chrome_neighbours",
    "before_region",
    "after_region",
    "region_distance",
)


def context_features(
    i: int,
    feats: list[LineFeatures],
    prose: list[bool],
    region: list[bool],
    reasons: list[str | None],
) -> list[float]:
    """The line's own shape plus what surrounds it, in the order of ``FEATURE_NAMES``."""
    f = feats[i]
    window = [j for j in range(i - 2, i + 3) if j != i and 0 <= j < len(feats)]
    in_region = [j for j, inside in enumerate(region) if inside]
    first, last = (in_region[0], in_region[-1]) if in_region else (len(feats), -1)
    distance = 0 if region[i] else min((abs(j - i) for j in in_region), default=50)
    rule_keep = region[i] and (prose[i] or _short_line_fits(i, feats, prose, reasons, region))
    return [
        math.log1p(f.n_words),
        f.stop_ratio,
        float(f.ends_sentence),
        f.title_ratio,
        f.digit_ratio,
        float(prose[i]),
        float(f.headline_like),
        float(region[i]),
        float(rule_keep),
        sum(prose[j] for j in window) / max(len(window), 1),
        sum(reasons[j] is not None for j in window) / max(len(window), 1),
        float(i < first),
        float(i > last),
        math.log1p(min(distance, 50)),
    ]


@dataclass(frozen=True, slots=True)
class BodyScorer:
    """A logistic model over ``FEATURE_NAMES``: readable weights, fitted offline (see
    ``storyline.eval.chrome.fit_body_scorer``) on the tuning half of a benchmark."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return round(1.0 / (1.0 + math.exp(-z)), 3)


@lru_cache(maxsize=1)
def _load_scorer() -> BodyScorer | None:
    path = Path(__file__).with_name("chrome_patterns.json")
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))["body_scorer"]
    if tuple(data["features"]) != FEATURE_NAMES:
        return None  # stale weights for another feature set: fall back to the rules
    return BodyScorer(tuple(data["weights"]), data["bias"], data["threshold"])


def _mark_repeats(lines: list[str], feats: list[LineFeatures], reasons: list[str | None]) -> None:
    """Lines shown more than once are captions, menus or widgets, never article prose."""
    seen: dict[str, list[int]] = {}
    for i in range(len(lines)):
        key = " ".join(w.casefold() for w in feats[i].words)
        if key:
            seen.setdefault(key, []).append(i)
    for positions in seen.values():
        if len(positions) < 2:
            continue
        kind = "caption-repeat" if feats[positions[0]].n_words >= 5 else "navigation"
        for i in positions:
            if reasons[i] is None:
                reasons[i] = kind


def _body_regions(
    feats: list[LineFeatures], prose: list[bool], reasons: list[str | None]
) -> list[bool]:
    """Lines inside the article's body region(s): the densest run of prose and its peers."""
    clusters: list[tuple[int, int, int]] = []  # first, last, prose chars
    start = last = -1
    chars = 0
    gap = 0.0
    for i, is_prose in enumerate(prose):
        if is_prose:
            if start < 0 or gap > REGION_MAX_GAP:
                if start >= 0:
                    clusters.append((start, last, chars))
                start, chars = i, 0
            last, gap = i, 0
            chars += sum(len(w) + 1 for w in feats[i].words)
        elif start >= 0:
            # Plain short lines (subheadings, list items) stretch a region; chrome breaks it.
            gap += CHROME_GAP_WEIGHT if reasons[i] is not None else PLAIN_GAP_WEIGHT
            # Comment widgets and teaser headings close the article.
            if reasons[i] in {"comments", "teaser", "footer"}:
                gap = REGION_MAX_GAP + 1
    if start >= 0:
        clusters.append((start, last, chars))
    region = [False] * len(feats)
    if not clusters:
        return region
    best = max(c[2] for c in clusters)
    for first, end, size in clusters:
        if size == best or (size >= SIDE_REGION_MIN_SHARE * best and size >= SIDE_REGION_MIN_CHARS):
            for i in range(first, end + 1):
                region[i] = True
    return region


def _mark_teaser_lists(
    feats: list[LineFeatures], prose: list[bool], reasons: list[str | None]
) -> None:
    """After a "More like this" heading, headlines up to the next run of prose are teasers."""
    i = 0
    while i < len(feats):
        if reasons[i] == "teaser":
            j = i + 1
            while j < len(feats) and not prose[j] and reasons[j] in {None, "teaser"}:
                reasons[j] = "teaser"
                j += 1
            i = j
        else:
            i += 1


def _mark_dropped_in_headlines(
    feats: list[LineFeatures], prose: list[bool], region: list[bool], reasons: list[str | None]
) -> None:
    """A headline inside the body that shares no vocabulary with it is another story's teaser."""
    body_words: dict[str, int] = {}
    for i, f in enumerate(feats):
        if region[i] and prose[i]:
            for word in f.content_words:
                body_words[word] = body_words.get(word, 0) + 1
    for i, f in enumerate(feats):
        if not region[i] or prose[i] or reasons[i] is not None or not f.headline_like:
            continue
        words = f.content_words
        if len(words) < TEASER_MIN_CONTENT_WORDS:
            continue
        shared = sum(1 for w in words if body_words.get(w, 0) > 0)
        if shared / len(words) <= TEASER_MAX_OVERLAP:
            reasons[i] = "related-headline"


def _mark_title(
    lines: list[str], feats: list[LineFeatures], region: list[bool], reasons: list[str | None]
) -> None:
    """The headline just above the body, sharing its vocabulary, is the article's title."""
    if True not in region:
        return
    first = region.index(True)
    body_words: set[str] = set()
    for i in range(first, min(len(feats), first + 12)):
        if region[i]:
            body_words |= feats[i].content_words
    for i in range(first - 1, max(-1, first - 10), -1):
        f = feats[i]
        if reasons[i] not in {None, "navigation"} or not (2 <= f.n_words <= 25):
            continue
        words = f.content_words
        if f.ends_sentence and f.n_words > 12:
            continue
        if words and len(words & body_words) >= max(1, len(words) // 4):
            reasons[i] = "title"
            return


def _short_line_fits(
    i: int,
    feats: list[LineFeatures],
    prose: list[bool],
    reasons: list[str | None],
    region: list[bool],
) -> bool:
    """A short line inside the body is kept when no chrome sits right next to it."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(feats) and not prose[j] and reasons[j] is None and region[j]:
            j += step
        if not (0 <= j < len(feats)) or not region[j]:
            continue
        if abs(j - i) == 1 and reasons[j] is not None and reasons[j] not in INLINE_CHROME:
            return False
    return True


def _demote_dates_to_datelines(verdicts: list[Line], region: list[bool]) -> None:
    """A date line next to the title or body start is the article's dateline, not header chrome."""
    if True not in region:
        return
    first = region.index(True)
    title = next((v.index for v in verdicts if v.reason == "title"), first)
    for verdict in verdicts:
        if verdict.reason == "header-date" and min(title, first) - 4 <= verdict.index <= first + 2:
            verdict.reason = "dateline"
