"""What the analysis stages derive from articles: mentions, events, claims, stories.

Per-article results (entity and place mentions, the article's own events and claims) are
replaced whole when an article is analysed again, so a re-run never adds a second copy. Story
results (merged events, contradictions, the story record) are replaced per story, because a new
article can change everything about the story it joins. Records are stored as the output
contract's JSON, with the columns that queries filter on kept beside them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from storyline.store import schema as t

PAGE = 1000


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False)


def date_bounds(date: Any) -> tuple[str | None, str | None]:
    """(start, end) of a contract date: an ISO string or a ``{start, end}`` interval."""
    if isinstance(date, str):
        return date[:10], date[:10]
    if isinstance(date, Mapping):
        start, end = date.get("start"), date.get("end")
        return (start[:10] if start else None), (end[:10] if end else None)
    return None, None


class KnowledgeStore:
    """Mixin for ``Store``: the derived-knowledge tables. Needs ``_engine`` and ``_write``."""

    _engine: sa.Engine
    _write: Callable[[], AbstractContextManager[sa.Connection]]

    # -- per-article analysis ------------------------------------------------------------------

    def analysed_ids(self, version: int | None = None) -> set[str]:
        """Articles already analysed (at ``version``, when given)."""
        query = sa.select(t.article_analysis.c.article_id)
        if version is not None:
            query = query.where(t.article_analysis.c.version == version)
        with self._engine.connect() as connection:
            return set(connection.scalars(query))

    def save_analysis(
        self,
        article_id: str,
        *,
        entities: Iterable[Mapping[str, Any]] = (),
        places: Iterable[Mapping[str, Any]] = (),
        events: Iterable[Mapping[str, Any]] = (),
        claims: Iterable[Mapping[str, Any]] = (),
        version: int = 1,
        features: Mapping[str, bytes] | None = None,
    ) -> None:
        """Replace everything derived from one article, in one transaction.

        ``features`` (named bytes, such as the article's publisher place votes) are replaced in
        the same transaction, so a killed run keeps both or neither.
        """
        with self._write() as connection:
            for name, data in (features or {}).items():
                feature = t.article_features
                connection.execute(
                    feature.delete().where(
                        feature.c.article_id == article_id, feature.c.name == name
                    )
                )
                connection.execute(
                    feature.insert().values(article_id=article_id, name=name, data=bytes(data))
                )
            for table in (t.entity_mentions, t.place_mentions, t.article_events, t.claims):
                connection.execute(table.delete().where(table.c.article_id == article_id))
            connection.execute(
                t.article_analysis.delete().where(t.article_analysis.c.article_id == article_id)
            )
            rows = [dict(mention, article_id=article_id) for mention in entities]
            if rows:
                connection.execute(t.entity_mentions.insert(), rows)
            rows = [dict(mention, article_id=article_id) for mention in places]
            if rows:
                connection.execute(t.place_mentions.insert(), rows)
            rows = [
                {"id": event["id"], "article_id": article_id, "data": _json(event)}
                for event in events
            ]
            if rows:
                connection.execute(t.article_events.insert(), rows)
            rows = [
                {
                    "id": claim["id"],
                    "article_id": article_id,
                    "story_id": claim.get("story_id"),
                    "speaker": claim["speaker"],
                    "data": _json(claim),
                }
                for claim in claims
            ]
            if rows:
                connection.execute(t.claims.insert(), rows)
            connection.execute(
                t.article_analysis.insert().values(
                    article_id=article_id, version=version, analysed_at=_now()
                )
            )

    def iter_entity_mentions(
        self, article_ids: Iterable[str] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Entity mentions (of some articles, or all), in article order then text order."""
        yield from self._mentions(t.entity_mentions, article_ids)

    def iter_place_mentions(
        self, article_ids: Iterable[str] | None = None
    ) -> Iterator[dict[str, Any]]:
        yield from self._mentions(t.place_mentions, article_ids)

    def articles_mentioning(self, names: Iterable[str], *, limit: int = 500) -> list[str]:
        """Ids of articles with a mention of any of these canonical entities, in store order.

        Mentions carry the canonical name, so this finds "Daesh" and "ISIL" for Islamic State.
        """
        wanted = sorted(set(names))
        if not wanted:
            return []
        mentions = t.entity_mentions
        query = (
            sa.select(t.articles.c.id)
            .where(
                t.articles.c.id.in_(
                    sa.select(mentions.c.article_id).where(mentions.c.name.in_(wanted))
                )
            )
            .order_by(t.articles.c.seq)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return list(connection.scalars(query))

    def coverage(self, *, top: int = 10) -> dict[str, Any]:
        """What the articles span, for ``storyline status``: dates, publishers, languages.

        ``first``/``last`` are the earliest and latest publication days; ``publishers`` and
        ``languages`` are (name, articles) pairs, most articles first, at most ``top`` of
        each, with the number of distinct values beside them.
        """
        a = t.articles
        day = sa.func.substr(a.c.published, 1, 10)
        with self._engine.connect() as connection:
            first, last = connection.execute(
                sa.select(sa.func.min(day), sa.func.max(day)).where(a.c.published.is_not(None))
            ).one()
            undated = connection.scalar(
                sa.select(sa.func.count()).select_from(a).where(a.c.published.is_(None))
            )
            result: dict[str, Any] = {"first": first, "last": last, "undated": int(undated or 0)}
            for key, column in (("publishers", a.c.publisher), ("languages", a.c.language)):
                label = sa.func.coalesce(column, "")
                counted = (
                    sa.select(label.label("value"), sa.func.count().label("n"))
                    .group_by(label)
                    .order_by(sa.func.count().desc(), label)
                )
                rows = connection.execute(counted).all()
                result[key] = [(row.value or "unknown", int(row.n)) for row in rows[:top]]
                result[f"{key}_distinct"] = sum(1 for row in rows if row.value)
            last_run = sa.select(sa.func.max(t.runs.c.finished_at))
            result["last_run"] = connection.scalar(last_run)
        return result

    def place_features(self) -> list[tuple[str, float, float, str]]:
        """Each distinct (name, lat, lon, gazetteer feature) the geoparser resolved.

        Events stored before their locations carried ``feature`` are mapped through this: a
        location at a country's or province's point is an area, not a town.
        """
        table = t.place_mentions
        query = (
            sa.select(table.c.name, table.c.lat, table.c.lon, table.c.feature)
            .where(table.c.feature.is_not(None))
            .distinct()
        )
        with self._engine.connect() as connection:
            return [(r.name, r.lat, r.lon, r.feature) for r in connection.execute(query)]

    def _mentions(
        self, table: sa.Table, article_ids: Iterable[str] | None
    ) -> Iterator[dict[str, Any]]:
        query = sa.select(table, t.articles.c.seq).join(
            t.articles, t.articles.c.id == table.c.article_id
        )
        order = (t.articles.c.seq, table.c.start, table.c.id)
        if article_ids is None:
            yield from self._paged(query.order_by(*order))
            return
        for chunk in _chunks(article_ids):
            yield from self._paged(query.where(table.c.article_id.in_(chunk)).order_by(*order))

    def iter_article_events(self, article_ids: Iterable[str] | None = None) -> Iterator[dict]:
        """Events as each article reported them, before merging across articles."""
        query = sa.select(t.article_events.c.data, t.articles.c.seq).join(
            t.articles, t.articles.c.id == t.article_events.c.article_id
        )
        if article_ids is not None:
            query = query.where(t.article_events.c.article_id.in_(list(article_ids)))
        for row in self._paged(query.order_by(t.articles.c.seq, t.article_events.c.id)):
            yield json.loads(row["data"])

    def iter_claims(
        self, *, story_id: str | None = None, article_ids: Iterable[str] | None = None
    ) -> Iterator[dict[str, Any]]:
        query = sa.select(t.claims.c.data, t.claims.c.story_id, t.articles.c.seq).join(
            t.articles, t.articles.c.id == t.claims.c.article_id
        )
        if story_id is not None:
            query = query.where(t.claims.c.story_id == story_id)
        if article_ids is not None:
            query = query.where(t.claims.c.article_id.in_(list(article_ids)))
        for row in self._paged(query.order_by(t.articles.c.seq, t.claims.c.id)):
            record = json.loads(row["data"])
            record["story_id"] = row["story_id"]
            yield record

    # -- stories -------------------------------------------------------------------------------

    def replace_stories(
        self,
        stories: Iterable[Mapping[str, Any]],
        *,
        events: Iterable[Mapping[str, Any]] = (),
        contradictions: Iterable[Mapping[str, Any]] = (),
        removed_story_ids: Iterable[str] = (),
    ) -> None:
        """Write stories and everything built per story, replacing what they had before.

        Articles and claims get the story id of the story that lists them; stories merged into
        others are removed with their events and contradictions.
        """
        story_list = [dict(story) for story in stories]
        touched = {story["id"] for story in story_list} | set(removed_story_ids)
        with self._write() as connection:
            for chunk in _chunks(sorted(touched)):
                for table in (t.events, t.contradictions, t.stories):
                    column = table.c.id if table is t.stories else table.c.story_id
                    connection.execute(table.delete().where(column.in_(chunk)))
            for story in story_list:
                start, end = date_bounds(story.get("date"))
                connection.execute(
                    t.stories.insert().values(
                        id=story["id"],
                        title=story.get("title") or "",
                        date_start=start,
                        date_end=end,
                        article_count=len(story.get("article_ids", [])),
                        independent_sources=int(story.get("independent_sources") or 0),
                        data=_json(story),
                    )
                )
                for chunk in _chunks(story.get("article_ids", [])):
                    connection.execute(
                        t.articles.update()
                        .where(t.articles.c.id.in_(chunk))
                        .values(story_id=story["id"])
                    )
                    connection.execute(
                        t.claims.update()
                        .where(t.claims.c.article_id.in_(chunk))
                        .values(story_id=story["id"])
                    )
            event_rows = [_event_row(event) for event in events]
            if event_rows:
                connection.execute(t.events.insert(), event_rows)
            contradiction_rows = [
                {
                    "id": item["id"],
                    "story_id": item.get("story_id"),
                    "kind": item.get("kind") or "",
                    "data": _json(item),
                }
                for item in contradictions
            ]
            if contradiction_rows:
                connection.execute(t.contradictions.insert(), contradiction_rows)

    def iter_stories(self) -> Iterator[dict[str, Any]]:
        """Stories, newest first."""
        query = sa.select(t.stories.c.data).order_by(
            t.stories.c.date_end.desc().nulls_last(), t.stories.c.id
        )
        for row in self._paged(query):
            yield json.loads(row["data"])

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        with self._engine.connect() as connection:
            data = connection.scalar(sa.select(t.stories.c.data).where(t.stories.c.id == story_id))
        return json.loads(data) if data else None

    def iter_events(
        self,
        *,
        story_id: str | None = None,
        event_type: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[dict[str, Any]]:
        """Merged events, oldest first, filtered the way the web app's event table is."""
        query = self._event_query(story_id, event_type, actor, place, date_from, date_to)
        query = query.with_only_columns(t.events.c.data).order_by(
            t.events.c.date_start.nulls_last(), t.events.c.id
        )
        if limit is not None:
            with self._engine.connect() as connection:
                rows = connection.scalars(query.limit(limit).offset(offset)).all()
            for data in rows:
                yield json.loads(data)
            return
        for row in self._paged(query):
            yield json.loads(row["data"])

    def event_types(self) -> list[str]:
        """Each merged-event type present, sorted: the choices of the event table's filter."""
        query = sa.select(t.events.c.event_type).distinct().where(t.events.c.event_type != "")
        with self._engine.connect() as connection:
            return sorted(connection.scalars(query))

    def count_events(self, **filters: Any) -> int:
        query = self._event_query(
            filters.get("story_id"),
            filters.get("event_type"),
            filters.get("actor"),
            filters.get("place"),
            filters.get("date_from"),
            filters.get("date_to"),
        )
        with self._engine.connect() as connection:
            return int(
                connection.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
            )

    def _event_query(
        self,
        story_id: str | None,
        event_type: str | None,
        actor: str | None,
        place: str | None,
        date_from: str | None,
        date_to: str | None,
    ) -> sa.Select[Any]:
        query = sa.select(t.events.c.id)
        if story_id:
            query = query.where(t.events.c.story_id == story_id)
        if event_type:
            # "battles" finds "Battles": types are matched the way actors and places are
            query = query.where(sa.func.lower(t.events.c.event_type) == event_type.lower())
        if actor:
            query = query.where(t.events.c.actors.ilike(f"%{_escape_like(actor)}%", escape="\\"))
        if place:
            query = query.where(t.events.c.places.ilike(f"%{_escape_like(place)}%", escape="\\"))
        if date_from:
            query = query.where(t.events.c.date_end >= date_from)
        if date_to:
            query = query.where(t.events.c.date_start <= date_to)
        return query

    def iter_contradictions(self, story_id: str | None = None) -> Iterator[dict[str, Any]]:
        query = sa.select(t.contradictions.c.data)
        if story_id is not None:
            query = query.where(t.contradictions.c.story_id == story_id)
        for row in self._paged(query.order_by(t.contradictions.c.id)):
            yield json.loads(row["data"])

    # -- opaque state of incremental stages ----------------------------------------------------

    def get_state(self, key: str) -> bytes | None:
        with self._engine.connect() as connection:
            data = connection.scalar(
                sa.select(t.store_state.c.data).where(t.store_state.c.key == key)
            )
        return bytes(data) if data is not None else None

    def set_state(self, key: str, data: bytes) -> None:
        with self._write() as connection:
            connection.execute(t.store_state.delete().where(t.store_state.c.key == key))
            connection.execute(
                t.store_state.insert().values(key=key, data=bytes(data), updated_at=_now())
            )

    # -- internals -----------------------------------------------------------------------------

    def _paged(self, query: sa.Select[Any]) -> Iterator[dict[str, Any]]:
        """Rows a page at a time, so no read transaction stays open while callers write."""
        offset = 0
        while True:
            with self._engine.connect() as connection:
                rows = connection.execute(query.limit(PAGE).offset(offset)).mappings().all()
            if not rows:
                return
            for row in rows:
                yield dict(row)
            if len(rows) < PAGE:
                return
            offset += PAGE


def _event_row(event: Mapping[str, Any]) -> dict[str, Any]:
    start, end = date_bounds(event.get("date"))
    locations = event.get("locations") or []
    country = next((loc.get("country_code") for loc in locations if loc.get("country_code")), None)
    return {
        "id": event["id"],
        "story_id": event.get("story_id"),
        "event_type": event.get("event_type") or "",
        "sub_event_type": event.get("sub_event_type") or "",
        "date_start": start,
        "date_end": end,
        "country_code": country,
        "actors": "|".join(event.get("actors") or []),
        "places": "|".join(loc.get("name", "") for loc in locations),
        "data": _json(event),
    }


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _chunks(items: list[str] | Iterable[str], size: int = 500) -> Iterator[list[str]]:
    items = list(items)
    for index in range(0, len(items), size):
        yield items[index : index + size]
