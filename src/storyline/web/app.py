"""The web app: story list with search, story pages, an event table, a map, article pages,
and a JSON API (OpenAPI at ``/openapi.json``) over one store.

Read-only unless built with ``allow_ingest`` and a token, then ``POST /api/articles`` takes
articles as JSON and stores them the way ``storyline run`` would. Pages use no inline script:
data sits in ``<script type="application/json">`` blocks and the code comes from ``/static``,
so the Content-Security-Policy can say ``script-src 'self'``.
"""

from __future__ import annotations

import hmac
import pathlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from jinja2 import PackageLoader
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline import __version__
from storyline.components import Selection
from storyline.report.assets import OWN_FILES, VENDOR_FILES, asset
from storyline.report.geo import (
    PlaceKinds,
    area_list,
    event_areas,
    event_points,
    located_event_count,
)
from storyline.report.html import make_environment
from storyline.report.safe import json_for_script, utf16_offset
from storyline.report.view import build_story_view, copies_of, event_row
from storyline.store import Store
from storyline.web.filters import event_filters
from storyline.web.ingest import Ingestor
from storyline.web.search import search

MAX_BODY_BYTES = 5 * 1024 * 1024
PAGE_SIZE = 50
# Far past any store's size, and far below the 64-bit integers SQL offsets must fit in.
MAX_OFFSET = 1_000_000_000
MAP_LIMIT = 5000
ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,120}$"
# A small map pin on a dark disc: the tab icon, served as SVG (no binary asset to ship).
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<circle cx="16" cy="16" r="15" fill="#1d232a"/>'
    '<path d="M16 6a7 7 0 0 0-7 7c0 5 7 13 7 13s7-8 7-13a7 7 0 0 0-7-7z" fill="#b03a2e"/>'
    '<circle cx="16" cy="13" r="2.6" fill="#fff"/></svg>'
)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
ASSET_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
}

StoryId = Annotated[str, Path(pattern=ID_PATTERN)]
ArticleId = Annotated[str, Path(pattern=ID_PATTERN)]


class IngestArticle(BaseModel):
    """One article as a line of the JSONL input contract: ``text`` or ``html`` is needed."""

    model_config = ConfigDict(extra="allow")
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    publisher: str | None = None


class BodyLimit:
    """ASGI middleware: refuse bodies over ``limit`` bytes, whether announced or streamed."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[MutableMapping[str, Any]]],
        send: Callable[[MutableMapping[str, Any]], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(scope, receive, send)
            return
        if declared is None and scope.get("method") in BODY_METHODS:
            # Chunked (no length announced): read up to the limit here, so going over it is a
            # 413 and not whatever error the body parser makes of a failed read.
            buffered = await _read_limited(receive, self.limit)
            if buffered is None:
                await _too_large(scope, receive, send)
                return
            await self.app(scope, _replay(buffered, receive), send)
            return
        seen = 0

        async def limited_receive() -> MutableMapping[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _BodyTooLarge:
            await _too_large(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def _read_limited(receive: Any, limit: int) -> list[MutableMapping[str, Any]] | None:
    """The request's body messages, or None as soon as they pass ``limit`` bytes."""
    messages: list[MutableMapping[str, Any]] = []
    seen = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages  # the client went away; let the app see that
        seen += len(message.get("body", b""))
        if seen > limit:
            return None
        if not message.get("more_body", False):
            return messages


def _replay(messages: list[MutableMapping[str, Any]], receive: Any) -> Any:
    pending = list(messages)

    async def replay() -> MutableMapping[str, Any]:
        return pending.pop(0) if pending else await receive()

    return replay


class HeadAsGet:
    """ASGI middleware: HEAD is answered wherever GET is, with GET's headers and no body."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


async def _too_large(scope: Any, receive: Any, send: Any) -> None:
    response = JSONResponse({"detail": "request body too large"}, status_code=413)
    await response(scope, receive, send)


def create_app(
    store: Store,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    aliases: pathlib.Path | None = None,
    components: Selection | None = None,
) -> FastAPI:
    if allow_ingest and not token:
        raise ValueError("ingest needs a token (--token or STORYLINE_TOKEN)")
    app = FastAPI(
        title="Storyline",
        version=__version__,
        description="Stories, events, claims and articles derived from scraped news.",
        docs_url=None,  # Swagger UI loads from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    environment = make_environment(PackageLoader("storyline.web", "templates"))

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = environment.get_template(name).render(version=__version__, **context)
        return HTMLResponse(html, status_code=status)

    def place_kinds() -> PlaceKinds:
        return PlaceKinds.from_rows(store.place_features())

    def articles_by_id(ids: list[str]) -> dict[str, Any]:
        return {article.id: article for article in store.iter_articles(ids=ids)}

    def story_view(story_id: str) -> Any:
        story = store.get_story(story_id)
        if story is None:
            raise HTTPException(404, "no such story")
        events = list(store.iter_events(story_id=story_id))
        claims = list(store.iter_claims(story_id=story_id))
        ids = list(story.get("article_ids") or [])
        ids += [
            ev["article_id"]
            for record in [*events, *claims]
            for ev in record.get("sources") or []
            if ev.get("article_id")
        ]
        return build_story_view(
            story,
            articles=articles_by_id(ids),
            events=events,
            claims=claims,
            contradictions=list(store.iter_contradictions(story_id)),
            kinds=place_kinds(),
        )

    # -- static assets: a fixed list of names, so no path can leave it ---------------------

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in OWN_FILES and name not in VENDOR_FILES:
            raise HTTPException(404, "no such asset")
        content = asset(name)
        if content is None:
            raise HTTPException(404, "asset not installed (run make setup)")
        suffix = name[name.rfind(".") :]
        return Response(
            content,
            media_type=ASSET_TYPES.get(suffix, "application/octet-stream"),
            headers={"Cache-Control": "public, max-age=3600"},
        )

    # -- pages --------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
        stories = list(store.iter_stories())
        articles: list[dict[str, Any]] = []
        if q.strip():
            found = search(store, q, stories)
            stories, articles = found.stories, found.articles
        elif not stories:
            articles = [
                {"id": a.id, "title": a.title, "publisher": a.publisher, "published": a.published}
                for _, a in zip(range(PAGE_SIZE), store.iter_articles(), strict=False)
            ]
        return page("stories.html", q=q, stories=stories, articles=articles, counts=store.counts())

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: StoryId) -> HTMLResponse:
        view = story_view(story_id)
        return page(
            "story.html", view=view, data=json_for_script({"stories": {view.id: view.chart_data()}})
        )

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(
        request: Request,
        page_number: Annotated[int, Query(alias="page", ge=1, le=100000)] = 1,
    ) -> HTMLResponse:
        filters = event_filters(request.query_params)
        total = store.count_events(**filters)
        events = list(
            store.iter_events(**filters, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
        )
        ids = [ev["article_id"] for e in events for ev in e.get("sources") or []]
        articles = articles_by_id(ids)
        rows = [event_row(event, articles) for event in events]
        pages = max(1, -(-total // PAGE_SIZE))
        query = {name: value for name, value in filters.items() if value}
        kinds = place_kinds()
        return page(
            "events.html",
            rows=rows,
            total=total,
            page=page_number,
            pages=pages,
            query=query,
            types=store.event_types(),
            form={name: value or "" for name, value in filters.items()},
            areas=area_list(events, kinds),
            data=json_for_script({"points": [p for e in events for p in event_points(e, kinds)]}),
        )

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page() -> HTMLResponse:
        events = list(store.iter_events(limit=MAP_LIMIT))
        kinds = place_kinds()
        points = [point for event in events for point in event_points(event, kinds)]
        areas = area_list(events, kinds)
        return page(
            "map.html",
            located=located_event_count(points),
            areas=areas,
            area_events=sum(
                1 for e in events if event_areas(e, kinds) and not event_points(e, kinds)
            ),
            truncated=len(events) >= MAP_LIMIT,
            limit=MAP_LIMIT,
            data=json_for_script({"points": points}),
        )

    @app.get("/favicon.ico", include_in_schema=False)
    @app.get("/favicon.svg", include_in_schema=False)
    def favicon() -> Response:
        return Response(
            FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"}
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(
        article_id: ArticleId,
        start: Annotated[int | None, Query(ge=0, le=MAX_OFFSET)] = None,
        end: Annotated[int | None, Query(ge=0, le=MAX_OFFSET)] = None,
    ) -> HTMLResponse:
        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(404, "no such article")
        parts = None
        if start is not None and end is not None and start < end <= len(article.text):
            parts = (article.text[:start], article.text[start:end], article.text[end:])
        story = store.get_story(article.story_id) if article.story_id else None
        related = list((story or {}).get("article_ids") or [])
        related += [article.duplicate_of] if article.duplicate_of else []
        others = [other for other in store.iter_articles(ids=related) if other.id != article.id]
        copies = copies_of([article, *others])
        return page(
            "article.html",
            article=article,
            copies=copies,
            parts=parts,
            story=story,
            start16=utf16_offset(article.text, start or 0),
        )

    # -- JSON API -----------------------------------------------------------------------------

    @app.get("/health", tags=["health"])
    @app.get("/api/health", tags=["health"])
    def health() -> dict[str, Any]:
        """Liveness plus what the store holds; 503 when the database does not answer."""
        try:
            counts = store.counts()
        except Exception as exc:  # the point of a health check is to report, not to raise
            raise HTTPException(503, f"database unavailable: {type(exc).__name__}") from exc
        return {"status": "ok", "version": __version__, "ingest": allow_ingest, "counts": counts}

    @app.get("/api/stories", tags=["stories"])
    def api_stories(
        q: Annotated[str, Query(max_length=200)] = "",
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> dict[str, Any]:
        """Stories, newest first; ``q`` keeps those whose text or articles hold every word."""
        stories = list(store.iter_stories())
        if q.strip():
            stories = search(store, q, stories).stories
        return {"total": len(stories), "items": stories[offset : offset + limit]}

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: StoryId) -> dict[str, Any]:
        """One story with its events, claims and contradictions."""
        story = store.get_story(story_id)
        if story is None:
            raise HTTPException(404, "no such story")
        return {
            "story": story,
            "events": list(store.iter_events(story_id=story_id)),
            "claims": list(store.iter_claims(story_id=story_id)),
            "contradictions": list(store.iter_contradictions(story_id)),
        }

    @app.get("/api/events", tags=["events"])
    def api_events(
        story_id: Annotated[str | None, Query(max_length=120)] = None,
        event_type: Annotated[str | None, Query(max_length=100)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        place: Annotated[str | None, Query(max_length=200)] = None,
        date_from: Annotated[str | None, Query(max_length=10)] = None,
        date_to: Annotated[str | None, Query(max_length=10)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> dict[str, Any]:
        """Events, oldest first, filtered like the event table (``event_type`` in any case).

        ``date_from`` and ``date_to`` are ISO days (YYYY-MM-DD); any other value is a 400.
        """
        given = {"event_type": event_type, "actor": actor, "place": place}
        given |= {"date_from": date_from, "date_to": date_to}
        filters = {"story_id": story_id, **event_filters({k: v for k, v in given.items() if v})}
        return {
            "total": store.count_events(**filters),
            "items": list(store.iter_events(**filters, limit=limit, offset=offset)),
        }

    @app.get("/api/claims", tags=["claims"])
    def api_claims(
        story_id: Annotated[str | None, Query(max_length=120)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> dict[str, Any]:
        claims = list(store.iter_claims(story_id=story_id))
        return {"total": len(claims), "items": claims[offset : offset + limit]}

    @app.get("/api/contradictions", tags=["claims"])
    def api_contradictions(
        story_id: Annotated[str | None, Query(max_length=120)] = None,
    ) -> dict[str, Any]:
        items = list(store.iter_contradictions(story_id))
        return {"total": len(items), "items": items}

    @app.get("/api/articles", tags=["articles"])
    def api_articles(
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> dict[str, Any]:
        """Articles in the order they were stored (records of articles.jsonl)."""
        items = []
        for index, article in enumerate(store.iter_articles()):
            if index >= offset + limit:
                break
            if index >= offset:
                items.append(article.to_record())
        return {"total": store.article_count(), "items": items}

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: ArticleId) -> dict[str, Any]:
        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(404, "no such article")
        return article.to_record()

    if allow_ingest:
        # Posted articles are understood as a `storyline run` with the same options would.
        ingestor = Ingestor(store, aliases=aliases, components=components)
        bearer = HTTPBearer(auto_error=False)

        def require_token(
            credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
        ) -> None:
            given = credentials.credentials if credentials else ""
            if not hmac.compare_digest(given.encode("utf-8"), str(token).encode("utf-8")):
                raise HTTPException(
                    401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
                )

        app.state.ingestor = ingestor

        @app.post("/api/articles", tags=["articles"], dependencies=[Depends(require_token)])
        def api_ingest(articles: list[IngestArticle]) -> JSONResponse:
            """Read, clean, deduplicate and store articles (lines of the JSONL input contract).

            Needs ``Authorization: Bearer TOKEN``. Posting the same batch again adds nothing.
            New articles are analysed and put into stories in the background: the answer is
            202 with ``"analysis": "queued"`` (an article has its ``story_id`` once done).
            """
            if not articles:
                raise HTTPException(422, "no articles")
            records = [article.model_dump(exclude_none=True) for article in articles]
            result = ingestor.ingest(records)
            status = 202 if result.analysis == "queued" else 200
            return JSONResponse(result.as_dict(), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        # A bad query value (an offset past 64 bits, say) is a 400; other shapes keep 422.
        query_only = all(error.get("loc", ("",))[0] == "query" for error in exc.errors())
        status = 400 if query_only else 422
        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith(("/api/", "/health", "/static/")):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        return page(
            "error.html",
            status=exc.status_code,
            status_code=exc.status_code,
            detail=str(exc.detail),
        )

    app.add_middleware(BodyLimit, limit=max_body_bytes)
    app.add_middleware(HeadAsGet)
    return app
