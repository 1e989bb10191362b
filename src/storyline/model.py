"""The one small data model every stage reads and writes.

Stages pass these dataclasses forward; nothing flows backwards. Each record type maps onto one
line of a ``*.jsonl`` file in the output contract (see docs/contract.md), through ``to_record``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

InputKind = Literal["txt", "html", "warc", "jsonl"]
PublishedSource = Literal["metadata", "byline", "text", "peers"]


def stable_id(prefix: str, *parts: str | bytes) -> str:
    """Content-derived ids, so the same input gives the same id on every run and machine."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\x00")
    return f"{prefix}_{digest.hexdigest()[:16]}"


@dataclass(slots=True)
class Evidence:
    """Where a value came from: the article, the sentence and its character offsets."""

    article_id: str
    sentence: str
    start: int
    end: int


@dataclass(slots=True)
class RawDocument:
    """One document as ingest found it, before any cleaning.

    A file may hold many documents (WARC records, JSONL lines). ``raw`` is the exact byte
    payload of this document; its hash gives the article id, so a document seen twice (even in
    two different files) is stored once.
    """

    input: str  # human-readable origin: path, plus "#record=<id>" or ":<line>"
    kind: InputKind
    raw: bytes
    text: str | None = None  # decoded plain text (txt, jsonl `text`)
    html: str | None = None  # decoded HTML (html, warc, jsonl `html`)
    url: str | None = None
    title: str | None = None
    published: str | None = None  # as supplied by metadata (WARC-Date is *not* this)
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    fetched: str | None = None  # crawl date (WARC-Date), a ceiling for the publication date
    encoding: str | None = None

    @property
    def article_id(self) -> str:
        return stable_id("art", self.raw)


@dataclass(slots=True)
class Line:
    """One visible line of a page and the chrome classifier's verdict on it."""

    text: str
    index: int
    keep: bool = True
    reason: str = "body"  # why it was kept or dropped: body, title, share, teaser, header-date, ...
    score: float = 1.0  # classifier confidence that the line is body text


@dataclass(slots=True)
class Article:
    id: str
    input: str
    text: str
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_source: PublishedSource | None = None
    language: str | None = None
    removed: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    syndication_group: str | None = None
    flags: list[str] = field(default_factory=list)
    story_id: str | None = None
    kind: InputKind | None = None
    fetched: str | None = None
    wire: str | None = None  # news agency the page credits ("AFP"); the publisher stays the site

    def add_flag(self, flag: str) -> None:
        if flag not in self.flags:
            self.flags.append(flag)

    def to_record(self) -> dict[str, Any]:
        record = asdict(self)
        record.pop("kind")
        record.pop("fetched")
        return {"schema_version": SCHEMA_VERSION, **record}


@dataclass(slots=True)
class Mention:
    article_id: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **asdict(self)}


@dataclass(slots=True)
class Place:
    id: str
    name: str
    lat: float
    lon: float
    country_code: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    feature: str | None = None  # city, admin1, country, airbase, mountain, crossing, ...
    mentions: list[Mention] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **asdict(self)}


@dataclass(slots=True)
class Fatalities:
    victims: str  # civilians, militants, soldiers, rebels, police, children, unknown
    text: str
    count: int | None = None
    min: int | None = None
    max: int | None = None


@dataclass(slots=True)
class EventLocation:
    """Where an event happened, with how precisely the text places it.

    ``geo_precision`` follows ACLED: 1 the named town or village itself, 2 near it or a
    district of it, 3 only a province, region or country. ``feature`` is the gazetteer's class
    (city, admin1, country, airbase, ...). A precision-3 place is an area, never a point event.
    """

    name: str
    lat: float | None
    lon: float | None
    country_code: str | None = None
    admin1: str | None = None
    feature: str | None = None
    geo_precision: int | None = None


@dataclass(slots=True)
class Event:
    id: str
    event_type: str
    sub_event_type: str
    story_id: str | None = None
    date: str | dict[str, str] | None = None
    date_text: str | None = None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    locations: list[EventLocation] = field(default_factory=list)
    fatalities: list[Fatalities] = field(default_factory=list)
    reported_by: list[str] = field(default_factory=list)
    sources: list[Evidence] = field(default_factory=list)
    independent_sources: int = 0
    confidence: float = 0.0
    # ACLED's time_precision: 1 the day is known, 2 only the week, 3 only the month.
    time_precision: int | None = None
    # The words the actors and targets were read from ("Russian warplanes", "36 civilians").
    actors_as_written: list[str] = field(default_factory=list)
    targets_as_written: list[str] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **asdict(self)}


@dataclass(slots=True)
class Toll:
    """A count a claim gives: how many of whom, with its bounds ("at least 36" is 36 to none)."""

    kind: str  # killed, injured, arrested, missing, crowd
    victims: str  # civilians, militants, soldiers, police, people
    low: int | None = None
    high: int | None = None  # None: no upper bound
    text: str = ""
    update: bool = False  # "rose to 29": a later figure that replaces earlier ones


@dataclass(slots=True)
class Responsibility:
    """Who a claim says did (or did not do) the act: "X carried out", "X denied bombing"."""

    actor: str
    act: str  # the act's word as written: "bomb", "attack", "carried out"
    polarity: str = "asserts"  # asserts, denies
    text: str = ""


@dataclass(slots=True)
class Claim:
    id: str
    speaker: str
    text: str
    verb: str
    story_id: str | None = None
    stance: str | None = None
    sources: list[Evidence] = field(default_factory=list)
    # The structure of the statement; every field stays empty when the text does not give it.
    polarity: str = "asserts"  # asserts, denies
    content_span: list[int] | None = None  # [start, end] of the content in the first source
    attributed: bool = True  # False: the outlet's own account, its publisher the speaker
    tolls: list[Toll] = field(default_factory=list)
    responsibility: list[Responsibility] = field(default_factory=list)
    target_type: str | None = None  # civilians, militants, hospital, school, base...
    place: str | None = None
    time: str | None = None  # the day or time phrase as written ("on Tuesday", "30 September")

    def to_record(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **asdict(self)}


@dataclass(slots=True)
class ContradictionSide:
    """One side of a dispute: who says it, what they say, and the sentences that say it."""

    claims: list[str]
    speakers: list[str]
    value: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Contradiction:
    id: str
    about: str
    claims: list[list[str]]
    kind: str
    explanation: str
    story_id: str | None = None
    sides: list[ContradictionSide] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **asdict(self)}


@dataclass(slots=True)
class SummarySentence:
    text: str
    sources: list[str]


@dataclass(slots=True)
class TimelineEntry:
    date: str | dict[str, str] | None
    text: str
    event_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)
    date: dict[str, str] | None = None
    summary: list[SummarySentence] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    independent_sources: int = 0

    def to_record(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **asdict(self)}


@dataclass(slots=True)
class SkippedInput:
    """A file or record that could not be read, with the reason shown to the user."""

    input: str
    reason: str
    detail: str = ""


def event_from_record(record: dict[str, Any]) -> Event:
    """The ``Event`` a contract record (as stored or exported) describes."""
    return Event(
        id=record["id"],
        event_type=record["event_type"],
        sub_event_type=record["sub_event_type"],
        story_id=record.get("story_id"),
        date=record.get("date"),
        date_text=record.get("date_text"),
        actors=list(record.get("actors") or []),
        targets=list(record.get("targets") or []),
        locations=[EventLocation(**location) for location in record.get("locations") or []],
        fatalities=[Fatalities(**item) for item in record.get("fatalities") or []],
        reported_by=list(record.get("reported_by") or []),
        sources=[Evidence(**source) for source in record.get("sources") or []],
        independent_sources=int(record.get("independent_sources") or 0),
        confidence=float(record.get("confidence") or 0.0),
        time_precision=record.get("time_precision"),
        actors_as_written=list(record.get("actors_as_written") or []),
        targets_as_written=list(record.get("targets_as_written") or []),
    )


def claim_from_record(record: dict[str, Any]) -> Claim:
    """The ``Claim`` a contract record describes (records from before the typed facts load)."""
    span = record.get("content_span")
    return Claim(
        id=record["id"],
        speaker=record["speaker"],
        text=record["text"],
        verb=record["verb"],
        story_id=record.get("story_id"),
        stance=record.get("stance"),
        sources=[Evidence(**source) for source in record.get("sources") or []],
        polarity=record.get("polarity")
        or ("denies" if record.get("stance") == "deny" else "asserts"),
        content_span=list(span) if span else None,
        attributed=bool(record.get("attributed", True)),
        tolls=[Toll(**item) for item in record.get("tolls") or []],
        responsibility=[Responsibility(**item) for item in record.get("responsibility") or []],
        target_type=record.get("target_type"),
        place=record.get("place"),
        time=record.get("time"),
    )


def contradiction_from_record(record: dict[str, Any]) -> Contradiction:
    """The ``Contradiction`` a contract record describes."""
    return Contradiction(
        id=record["id"],
        about=record.get("about") or "",
        claims=[list(side) for side in record.get("claims") or []],
        kind=record.get("kind") or "",
        explanation=record.get("explanation") or "",
        story_id=record.get("story_id"),
        sides=[
            ContradictionSide(
                claims=list(side.get("claims") or []),
                speakers=list(side.get("speakers") or []),
                value=side.get("value") or "",
                evidence=[Evidence(**item) for item in side.get("evidence") or []],
            )
            for side in record.get("sides") or []
        ],
    )
