"""Which records an export writes: a date range, an event type, a country, a story.

Events are kept when they match every filter given (their date span overlaps the range, the
type matches in any case, one of their places lies in the country). A story filter also narrows
articles, claims, contradictions and stories to that story; a date range narrows articles to
those published in it and stories to those whose span overlaps it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline.model import Article
from storyline.store import Store
from storyline.store.knowledge import date_bounds


@dataclass(frozen=True, slots=True)
class ExportFilter:
    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None
    event_type: str | None = None
    country: str | None = None  # ISO 3166 alpha-2 code or English country name
    story_id: str | None = None

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise ValueError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from {self.date_from} is after date_to {self.date_to}")

    @property
    def active(self) -> bool:
        return any((self.date_from, self.date_to, self.event_type, self.country, self.story_id))

    def events(self, store: Store) -> Iterator[dict[str, Any]]:
        for event in store.iter_events(
            story_id=self.story_id,
            event_type=self.event_type,
            date_from=self.date_from,
            date_to=self.date_to,
        ):
            if self.country is None or _in_country(event, self.country):
                yield event

    def keeps_article(self, article: Article) -> bool:
        if self.story_id and article.story_id != self.story_id:
            return False
        if self.date_from or self.date_to:
            day = (article.published or "")[:10]
            if not day or not self._day_in_range(day, day):
                return False
        return True

    def keeps_story_record(self, record: Mapping[str, Any]) -> bool:
        """Stories, claims and contradictions: by story, and stories by their date span."""
        if self.story_id and record.get("story_id", record.get("id")) != self.story_id:
            return False
        if "article_ids" in record and (self.date_from or self.date_to):
            start, end = date_bounds(record.get("date"))
            return bool(start or end) and self._day_in_range(start or end, end or start)
        return True

    def _day_in_range(self, start: str | None, end: str | None) -> bool:
        if self.date_from and (end or "") < self.date_from:
            return False
        return not (self.date_to and (start or "9999") > self.date_to)


def _in_country(event: Mapping[str, Any], country: str) -> bool:
    from storyline.export.acled import country_name

    wanted = country.strip().casefold()
    for location in event.get("locations") or []:
        code = str(location.get("country_code") or "")
        if wanted in (code.casefold(), country_name(code).casefold()):
            return True
    return False


NO_FILTER = ExportFilter()
