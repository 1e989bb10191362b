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
3. Lines no cue condemned are scored by gradient-boosted trees over ``LINE_FEATURE_NAMES``:
   the line's shape, its neighbours' shapes three lines either way, its position against the
   prose regions and the page, runs of short lines around it, and the rule verdict (prose in
   the body region kept, short lines inheriting from their neighbours as in jusText). The
   trees are stored as numbers in ``chrome_patterns.json`` and walked with numpy; without
   that file (or with weights for another feature set) the rule verdict alone decides.
4. A doubtful line sandwiched between kept body lines (a subheading, a list item) is kept.

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

import numpy as np

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

# How far under the headline a short dated credit line still counts as the dateline.
DATELINE_MAX_BELOW_TITLE = 2
# A line between two kept body lines is kept from this scorer probability up.
SANDWICH_MIN_SCORE = 0.4
# Lines a metadata stage reads; they never go into the body, whatever the scorer says.
METADATA_REASONS = frozenset({"title", "byline", "dateline", "header-date"})
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
    r"reporting by|additional reporting by|words by|editing by|posted by|published by|"
    r"story by|veröffentlicht von|publié par)\s+[A-ZÀ-Þ]",
)
_PHOTO_CREDIT = re.compile(
    r"(\((photo|image|foto|bild|picture)s?:?[^)]*\)|(photo|image|foto|bild|credit)\s*:\s*\S+"
    r"[^.]{0,60}$|/\s*(afp|reuters|ap|getty images|dpa|epa|anadolu)\b[^.]*$|"
    r"\b(getty images|reuters|afp|ap photo|dpa|epa-efe|shutterstock)\s*$)",
    re.IGNORECASE,
)


def _has_date(text: str) -> bool:
    """Whether the text holds a day-and-month date; every form has a digit, which is cheap to
    look for first (the month alternation is not)."""
    return any(map(str.isdigit, text)) and bool(_HAS_DATE.search(text))


def _any_of(cues: list[tuple[str, re.Pattern[str]]]) -> re.Pattern[str]:
    """One alternation of all anchored cues: most lines match none, and one match is cheaper."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in cues), re.IGNORECASE)


_ANY_WHOLE_LINE = _any_of(WHOLE_LINE_CUES)
_ANY_LINE_START = _any_of(LINE_START_CUES)


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
    content_words: frozenset[str] = frozenset()  # case-folded, no stopwords or short words

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
    is_stop = [w.casefold() in stop for w in words]
    stop_ratio = sum(is_stop) / n if n else 0.0
    capitalised = [w for w, stopword in zip(words, is_stop, strict=True) if not stopword]
    title_ratio = (
        sum(w[0].isupper() for w in capitalised) / len(capitalised) if capitalised else 0.0
    )
    visible = len(text) - sum(map(str.isspace, text))
    digit_ratio = sum(map(str.isdigit, text)) / visible if visible else 0.0
    return LineFeatures(
        words=words,
        stop_ratio=stop_ratio,
        ends_sentence=bool(_SENTENCE_END.search(text.strip())),
        title_ratio=title_ratio,
        digit_ratio=digit_ratio,
        cue=_cue(text, n),
        content_words=frozenset(
            w.casefold()
            for w, stopword in zip(words, is_stop, strict=True)
            if len(w) > 2 and not stopword
        ),
    )


def _cue(text: str, n_words: int) -> str | None:
    """The chrome kind a lexicon cue assigns to this line, if any."""
    stripped = text.strip()
    # "Posted by Jane Doe on 3 May" is a byline before it is a date line.
    if n_words <= 12 and _BYLINE.match(stripped):
        return "byline"
    if n_words <= 12 and _ANY_WHOLE_LINE.match(stripped):
        for reason, pattern in WHOLE_LINE_CUES:
            if pattern.match(stripped):
                return reason
    if n_words <= CUE_MAX_WORDS and _ANY_LINE_START.match(stripped):
        for reason, pattern in LINE_START_CUES:
            if pattern.match(stripped):
                return reason
    if n_words <= CUE_MAX_WORDS:
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
        if _DATE_LINE.match(stripped) and (n_words <= 6 or _has_date(stripped)):
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
    _mark_teaser_lists(feats, prose, region, reasons)
    _mark_dropped_in_headlines(feats, prose, region, reasons)
    _mark_title(feats, prose, region, reasons)
    return PageContext(feats, reasons, prose, region)


def classify_lines(lines: list[str]) -> list[Line]:
    """A keep/drop verdict, a reason and a body score for every line of one page."""
    page = analyse_page(lines)
    feats, reasons, prose, region = page.feats, page.reasons, page.prose, page.region
    scorer = _load_scorer()
    scores: list[float] | None = None
    if scorer is not None:
        # Only lines no cue condemned are scored; the others still shape their neighbours' rows.
        free = [i for i, reason in enumerate(reasons) if reason is None]
        scores = [0.0] * len(lines)
        if free:
            for i, probability in zip(
                free, scorer.probabilities(page_features(lines, page, free)), strict=True
            ):
                scores[i] = probability
    verdicts = []
    for i, (text, f) in enumerate(zip(lines, feats, strict=True)):
        verdict = Line(text=text, index=i, score=f.score())
        reason = reasons[i]
        if scores is None or reason is not None:
            # The rule verdict: chrome reasons drop; prose in the body region, and short lines
            # that sit quietly inside it (subheadings, list items, as in jusText), are kept.
            keep = reason is None and (
                region[i] and (prose[i] or _short_line_fits(i, feats, prose, reasons, region))
            )
            if reason is not None:
                verdict.score = min(verdict.score, 0.2)
        else:
            verdict.score = round(scores[i], 3)
            keep = scores[i] >= scorer.threshold  # type: ignore[union-attr]
        verdict.keep = keep
        if keep:
            verdict.reason = "body"
        elif reason is not None:
            verdict.reason = reason
        else:
            verdict.reason = "navigation" if f.n_words < PROSE_MIN_WORDS else "boilerplate"
        verdicts.append(verdict)
    if scores is not None:
        _keep_sandwiched_lines(verdicts, reasons, scores)
    _demote_dates_to_datelines(verdicts, region)
    return verdicts


def _keep_sandwiched_lines(
    verdicts: list[Line], reasons: list[str | None], scores: list[float]
) -> None:
    """A doubtful line with kept body right above and below it is a subheading or list item:
    the article does not break for one line of chrome that no cue recognised."""
    for i in range(1, len(verdicts) - 1):
        verdict = verdicts[i]
        if verdict.keep or reasons[i] is not None or scores[i] < SANDWICH_MIN_SCORE:
            continue
        if _next_kept(verdicts, reasons, i, -1) and _next_kept(verdicts, reasons, i, 1):
            verdict.keep, verdict.reason = True, "body"


def _next_kept(verdicts: list[Line], reasons: list[str | None], i: int, step: int) -> bool:
    """Whether the nearest line past any inline chrome (an advert slot) is kept body."""
    j = i + step
    while 0 <= j < len(verdicts) and reasons[j] in INLINE_CHROME:
        j += step
    return 0 <= j < len(verdicts) and verdicts[j].reason == "body"


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
    feats: list[LineFeatures], prose: list[bool], region: list[bool], reasons: list[str | None]
) -> None:
    """After a "More like this" heading, headlines up to the next run of prose are teasers.

    Only below the start of the body: above it, a "Latest" menu entry is followed by the
    breadcrumb and the article's own headline, which must stay free for the title pass.
    """
    i = region.index(True) if True in region else len(feats)
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
    feats: list[LineFeatures], prose: list[bool], region: list[bool], reasons: list[str | None]
) -> None:
    """The headline just above the body, sharing its vocabulary, is the article's title.

    The body starts at the first run of paragraphs, so a lone prose-like line above the
    headline (a cookie notice, a tagline) does not hide it.
    """
    if True not in region:
        return
    first = region.index(True)
    for i in range(first, len(feats)):
        if region[i] and prose[i] and any(prose[i + 1 : i + 4]):
            first = i
            break
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
        header_date = (
            verdict.reason == "header-date" and min(title, first) - 4 <= verdict.index <= first + 2
        )
        # "Staff Writer — 02.10.2015 04:17", "admin / Oct 1, 2015": a short dated credit
        # right under the headline is the article's dateline even without a "By".
        dated_credit = (
            verdict.reason in {"navigation", "boilerplate"}
            and verdicts[title].reason == "title"
            and title < verdict.index <= title + DATELINE_MAX_BELOW_TITLE
            and len(verdict.text.split()) <= 12
            and _has_date(verdict.text)
        )
        if header_date or dated_credit:
            verdict.reason = "dateline"


# --- Learned line scorer -------------------------------------------------------------------

# Chrome reasons grouped into what they say about a line, as inputs to the learned scorer.
REASON_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"navigation", "breadcrumb", "share", "footer", "weather"}),
    frozenset({"comments", "newsletter", "cookie", "notification", "donation", "advertisement"}),
    frozenset({"teaser", "related-headline"}),
    frozenset({"title", "byline", "header-date", "dateline"}),
    frozenset({"caption", "caption-repeat"}),
)
NEIGHBOUR_OFFSETS = (-3, -2, -1, 1, 2, 3)
SHORT_LINE_WORDS = 8
_SEPARATORS = re.compile(r"[|›»•·/>]")
_BULLET_START = re.compile(r"^\s*(?:[-–—*•·▪►]|\d{1,3}[.)]|[a-z][.)])\s")
_LINK_TEXT = re.compile(r"https?://|www\.|@\w|\.(?:com|org|net|de|fr)\b", re.IGNORECASE)


def _line_shape(f: LineFeatures, text: str, reason: str | None) -> list[float]:
    """A line's own shape, as seen from itself and from its neighbours."""
    chars = len(text)
    punct = chars - sum(map(str.isalnum, text)) - sum(map(str.isspace, text))
    return [
        math.log1p(f.n_words),
        math.log1p(chars),
        f.stop_ratio,
        float(f.ends_sentence),
        f.title_ratio,
        f.digit_ratio,
        punct / chars if chars else 0.0,
        float(reason is None and f.prose),
        float(reason is not None),
    ]


SHAPE_NAMES = (
    "log_words",
    "log_chars",
    "stop_ratio",
    "ends_sentence",
    "title_ratio",
    "digit_ratio",
    "punct_ratio",
    "prose",
    "has_reason",
)
MISSING_SHAPE = [-1.0] * len(SHAPE_NAMES)
LINE_FEATURE_NAMES = (
    *SHAPE_NAMES,
    "headline_like",
    "lexicon_cue",
    "reason_navigation",
    "reason_widget",
    "reason_teaser",
    "reason_metadata",
    "reason_caption",
    "log_repeats",
    "bullet_start",
    "ends_colon",
    "has_date",
    "separators",
    "link_text",
    "all_caps",
    "mean_word_length",
    "commas_per_word",
    "relative_position",
    "log_lines_before",
    "log_lines_after",
    "in_region",
    "before_region",
    "after_region",
    "log_region_distance",
    "log_prose_distance",
    "rule_keep",
    "prose_chars_before",
    "log_short_run",
    "log_prose_run",
    "prose_share_2",
    "prose_share_5",
    "prose_share_10",
    *(f"{name}_{offset:+d}" for offset in NEIGHBOUR_OFFSETS for name in SHAPE_NAMES),
    "log_page_lines",
    "page_prose_share",
    "log_page_prose_chars",
    "body_vocabulary_overlap",
    "log_content_words",
)


def page_features(
    lines: list[str], page: PageContext | None = None, only: list[int] | None = None
) -> list[list[float]]:
    """One feature row per line (or per line in ``only``): its shape, its chrome reason, its
    neighbours' shapes, where it sits relative to the prose regions and the page, and the runs
    of short lines around it."""
    page = page or analyse_page(lines)
    feats, reasons, prose, region = page.feats, page.reasons, page.prose, page.region
    n = len(lines)
    shapes = [_line_shape(f, t, r) for f, t, r in zip(feats, lines, reasons, strict=True)]
    counts: dict[str, int] = {}
    keys = [" ".join(w.casefold() for w in f.words) for f in feats]
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    prose_chars = [len(t) if p else 0 for t, p in zip(lines, prose, strict=True)]
    total_prose = sum(prose_chars) or 1
    prose_chars_before = [0]
    for chars in prose_chars:
        prose_chars_before.append(prose_chars_before[-1] + chars)
    in_region = [j for j in range(n) if region[j]]
    first, last = (in_region[0], in_region[-1]) if in_region else (n, -1)
    short = [f.n_words < SHORT_LINE_WORDS for f in feats]
    short_run = _run_lengths(short)
    prose_run = _run_lengths(prose)
    prose_prefix = [0]
    for p in prose:
        prose_prefix.append(prose_prefix[-1] + int(p))
    region_dist = _distances(region)
    prose_dist = _distances(prose)
    doc = [math.log1p(n), prose_prefix[-1] / n if n else 0.0, math.log1p(total_prose)]
    content = [f.content_words for f in feats]
    body_vocabulary: dict[str, int] = {}
    for i in range(n):
        if region[i] and prose[i]:
            for word in content[i]:
                body_vocabulary[word] = body_vocabulary.get(word, 0) + 1
    rows = []
    for i in range(n) if only is None else only:
        f, text, reason = feats[i], lines[i], reasons[i]
        row = list(shapes[i])
        row += [
            float(f.headline_like),
            float(f.cue is not None),
            *(float(reason in group) for group in REASON_GROUPS),
            math.log(counts[keys[i]]) if keys[i] else 0.0,
            float(bool(_BULLET_START.match(text))),
            float(text.rstrip().endswith(":")),
            float(_has_date(text)),
            float(len(_SEPARATORS.findall(text))),
            float(bool(_LINK_TEXT.search(text))),
            float(text.isupper()),
            sum(len(w) for w in f.words) / f.n_words if f.n_words else 0.0,
            text.count(",") / max(f.n_words, 1),
        ]
        row += [i / n, math.log1p(i), math.log1p(n - 1 - i)]
        row += [
            float(region[i]),
            float(i < first),
            float(i > last),
            math.log1p(min(region_dist[i], 50)),
            math.log1p(min(prose_dist[i], 50)),
            float(region[i] and (prose[i] or _short_line_fits(i, feats, prose, reasons, region))),
            prose_chars_before[i] / total_prose,
            math.log1p(short_run[i]),
            math.log1p(prose_run[i]),
        ]
        for k in (2, 5, 10):
            lo, hi = max(0, i - k), min(n, i + k + 1)
            row.append((prose_prefix[hi] - prose_prefix[lo] - int(prose[i])) / max(hi - lo - 1, 1))
        for offset in NEIGHBOUR_OFFSETS:
            j = i + offset
            row += shapes[j] if 0 <= j < n else MISSING_SHAPE
        row += doc
        # Promos inside the body and second parts outside it: does the line talk about what
        # the body talks about? (Its own words are not counted as evidence.)
        own = 1 if region[i] and prose[i] else 0
        words = content[i]
        shared = sum(1 for w in words if body_vocabulary.get(w, 0) - own > 0)
        row += [shared / len(words) if words else -1.0, math.log1p(len(words))]
        rows.append(row)
    return rows


def _run_lengths(flags: list[bool]) -> list[int]:
    """For each position, the length of the run of equal flags it belongs to (0 if unset)."""
    out = [0] * len(flags)
    i = 0
    while i < len(flags):
        j = i
        while j < len(flags) and flags[j] == flags[i]:
            j += 1
        for k in range(i, j):
            out[k] = (j - i) if flags[i] else 0
        i = j
    return out


def _distances(flags: list[bool]) -> list[int]:
    """Lines to the nearest set flag (a large number when none is set)."""
    n = len(flags)
    out = [10**6] * n
    last = -(10**6)
    for i in range(n):
        if flags[i]:
            last = i
        out[i] = i - last
    last = 10**6
    for i in range(n - 1, -1, -1):
        if flags[i]:
            last = i
        out[i] = min(out[i], last - i)
    return out


@dataclass(frozen=True, slots=True)
class TreeScorer:
    """Gradient-boosted trees over ``LINE_FEATURE_NAMES``, fitted offline on the tuning half
    of the benchmarks (``storyline.eval.chrome.fit_line_scorer``) and stored as flat node
    arrays, so scoring needs numpy only: every line walks every tree at once."""

    feature: np.ndarray
    cut: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    depth: int
    bias: float
    threshold: float

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        x = np.asarray(rows, dtype=np.float64)
        flat = x.ravel()
        offsets = (np.arange(len(x)) * x.shape[1])[:, None]
        nodes = np.repeat(self.roots[None, :], len(x), axis=0)
        for _ in range(self.depth):
            go_left = flat[offsets + self.feature[nodes]] <= self.cut[nodes]
            following = np.where(go_left, self.left[nodes], self.right[nodes])
            if np.array_equal(following, nodes):
                break  # every line has reached a leaf of every tree
            nodes = following
        raw = self.bias + self.value[nodes].sum(axis=1)
        return (1.0 / (1.0 + np.exp(-raw))).tolist()


@lru_cache(maxsize=1)
def _load_scorer() -> TreeScorer | None:
    path = Path(__file__).with_name("chrome_patterns.json")
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8")).get("line_scorer")
    if not data or tuple(data["features"]) != LINE_FEATURE_NAMES:
        return None  # stale weights for another feature set: fall back to the rules
    return tree_scorer_from_json(data)


def tree_scorer_from_json(data: dict) -> TreeScorer:
    """Concatenate the stored trees; a leaf points to itself and never goes left."""
    feature: list[int] = []
    cut: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    for tree in data["trees"]:
        base = len(feature)
        roots.append(base)
        columns = (tree[key] for key in ("feature", "cut", "left", "right", "value"))
        for k, (f, c, lo, hi, v) in enumerate(zip(*columns, strict=True)):
            leaf = lo < 0
            feature.append(0 if leaf else f)
            cut.append(math.inf if leaf else c)
            left.append(base + k if leaf else base + lo)
            right.append(base + k if leaf else base + hi)
            value.append(v if leaf else 0.0)
    return TreeScorer(
        feature=np.array(feature, dtype=np.intp),
        cut=np.array(cut),
        left=np.array(left, dtype=np.intp),
        right=np.array(right, dtype=np.intp),
        value=np.array(value),
        roots=np.array(roots, dtype=np.intp),
        depth=int(data["depth"]),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
    )
