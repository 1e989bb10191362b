"""Full-text search in the store (FTS5 on SQLite, a GIN tsvector index on PostgreSQL): words in
titles and bodies match, better matches come first, edits and deletions show at once, and no
query string can make it raise."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command

from storyline.model import Article
from storyline.store import Store, open_store
from storyline.store.migrate import WRITE_OPTION, alembic_config
from storyline.store.store import _make_engine, search_terms
from storyline.store.url import resolve_url

ARTICLES = [
    Article(
        id="art_port",
        input="in.txt:0",
        title="Drone strike hits grain port in Odesa",
        text="A drone struck warehouses at the port overnight, the regional governor said.",
        publisher="Harbour Daily",
    ),
    Article(
        id="art_talks",
        input="in.txt:1",
        title="Ceasefire talks resume in Geneva",
        text="Negotiators met again on Monday. Officials mentioned Odesa only in passing.",
        publisher="Alpine Wire",
    ),
    Article(
        id="art_floods",
        input="in.txt:2",
        title="Floods close mountain roads",
        text="Heavy rain cut off several villages; no casualties were reported.",
        publisher="Valley Times",
    ),
]


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _save(store: Store, articles: list[Article], raw: bytes = b"articles") -> None:
    with store.transaction() as tx:
        tx.save_input(_sha(raw), "in.txt", len(raw), "txt", raw)
        for index, article in enumerate(articles):
            tx.save_article(article, input_sha256=_sha(raw), locator=f":{index}")


@pytest.fixture
def filled(store: Store) -> Iterator[Store]:
    _save(store, ARTICLES)
    yield store


def test_words_in_the_title_or_the_body_match(filled: Store) -> None:
    assert filled.search_articles("grain") == ["art_port"]  # title only
    assert filled.search_articles("negotiators") == ["art_talks"]  # body only
    assert filled.search_articles("GENEVA") == ["art_talks"]  # case does not matter
    assert filled.search_articles("volcano") == []


def test_every_word_must_occur(filled: Store) -> None:
    assert filled.search_articles("Odesa drone") == ["art_port"]
    assert filled.search_articles("Odesa floods") == []


def test_english_word_forms_match_each_other(filled: Store) -> None:
    assert filled.search_articles("strikes") == ["art_port"]
    assert filled.search_articles("flood") == ["art_floods"]


def test_an_article_about_the_words_ranks_above_a_passing_mention(filled: Store) -> None:
    assert filled.search_articles("Odesa") == ["art_port", "art_talks"]


def test_limit_caps_the_number_of_ids(filled: Store) -> None:
    assert filled.search_articles("Odesa", limit=1) == ["art_port"]
    assert filled.search_articles("Odesa", limit=0) == []


def test_updates_and_deletions_are_reflected_at_once(filled: Store) -> None:
    with filled.transaction() as tx:
        tx.update_article("art_floods", title="Landslide closes mountain roads")
    assert filled.search_articles("landslide") == ["art_floods"]
    assert filled.search_articles("floods") == []
    with filled.transaction() as tx:
        tx.update_article("art_talks", text="Negotiators met again on Monday in a quiet hotel.")
    assert filled.search_articles("Odesa") == ["art_port"]
    with filled._engine.begin() as connection:  # the store has no delete API; the index must
        connection.execute(sa.text("DELETE FROM articles WHERE id = 'art_port'"))  # still follow
    assert filled.search_articles("drone") == []
    assert filled.search_articles("mountain") == ["art_floods"]


def test_a_rolled_back_file_leaves_nothing_searchable(filled: Store) -> None:
    with pytest.raises(RuntimeError), filled.transaction() as tx:
        tx.save_input(_sha(b"other"), "other.txt", 5, "txt", b"other")
        tx.save_article(
            Article(id="art_ghost", input="other.txt:0", text="A ghost ship drifted ashore."),
            input_sha256=_sha(b"other"),
            locator=":0",
        )
        raise RuntimeError("processing failed")
    assert filled.search_articles("ghost") == []


HOSTILE_QUERIES = [
    '"',
    '"Odesa',
    "Odesa\"'",
    "NEAR(",
    "NEAR(drone port",
    "drone NEAR/2 port",
    "*",
    "dro*",
    "-",
    "-drone",
    "drone -port",
    "((",
    "drone)",
    "title:drone",
    "{title text}: drone",
    "^drone",
    "drone AND OR NOT",
    "'; DROP TABLE articles; --",
    "1' OR '1'='1",
    "%_\\",
    "\x00drone",
    "",
    "   ",
    "the of and",
    "ड्रोन 无人机 дрон",
    "drone " * 200,
]


def test_no_query_string_raises(filled: Store) -> None:
    for query in HOSTILE_QUERIES:
        found = filled.search_articles(query)
        assert set(found) <= {article.id for article in ARTICLES}, query
    assert filled.article_count() == len(ARTICLES)
    assert filled.search_articles("((drone*") == ["art_port"]


def test_operators_in_a_query_are_just_separators(filled: Store) -> None:
    assert filled.search_articles('("drone" port*') == ["art_port"]
    assert filled.search_articles("drone -port") == ["art_port"]  # no exclusion either
    assert filled.search_articles("talks:Geneva") == ["art_talks"]  # nor a column filter


def test_search_terms_are_plain_words() -> None:
    assert search_terms('NEAR("Drone"* -port) OR x;--') == ["near", "drone", "port", "or", "x"]
    assert search_terms("***") == []


def test_articles_stored_before_the_index_existed_are_found(store_url: str) -> None:
    """Upgrading a database from revision 0002 indexes the articles it already holds."""
    url = resolve_url(store_url)
    engine = _make_engine(url)
    try:
        with engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                command.upgrade(alembic_config(connection), "heads")
        _save(Store(engine, url), ARTICLES)
        # Back to 0002 with the articles kept: a store written before the index existed (later
        # revisions' columns go too, so today's Store code could not have written it at 0002).
        with engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                command.downgrade(alembic_config(connection), "0002")
    finally:
        engine.dispose()
    store = open_store(store_url)
    assert store is not None
    try:
        assert store.search_articles("grain") == ["art_port"]
        assert store.search_articles("Odesa") == ["art_port", "art_talks"]
    finally:
        store.close()


def test_downgrading_removes_the_index_and_upgrading_rebuilds_it(filled: Store) -> None:
    def migrate(direction: str) -> None:
        with filled._engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                if direction == "downgrade":
                    command.downgrade(alembic_config(connection), "0002")
                else:
                    command.upgrade(alembic_config(connection), "heads")

    def fulltext_objects() -> set[str]:
        inspector = sa.inspect(filled._engine)
        tables = {name for name in inspector.get_table_names() if "fts" in name}
        indexes = {index["name"] for index in inspector.get_indexes("articles")}
        return tables | (indexes & {"ix_articles_fulltext"})

    assert fulltext_objects()
    migrate("downgrade")
    assert fulltext_objects() == set()
    with filled.transaction() as tx:  # written while no index exists
        tx.update_article("art_floods", title="Landslide closes mountain roads")
    migrate("upgrade")
    assert filled.search_articles("landslide") == ["art_floods"]
    assert filled.search_articles("floods") == []


def test_event_types_are_distinct_and_sorted(store: Store) -> None:
    _save(store, ARTICLES[:1])

    def event(event_id: str, event_type: str) -> dict:
        return {
            "id": event_id,
            "story_id": "story_1",
            "event_type": event_type,
            "sub_event_type": "",
            "date": "2024-05-01",
            "actors": [],
            "locations": [],
            "sources": [],
        }

    assert store.event_types() == []
    story = {"id": "story_1", "title": "t", "article_ids": ["art_port"], "date": "2024-05-01"}
    store.replace_stories(
        [story],
        events=[
            event("evt_1", "Battles"),
            event("evt_2", "Explosions/Remote violence"),
            event("evt_3", "Battles"),
            event("evt_4", ""),
        ],
        contradictions=[],
    )
    assert store.event_types() == ["Battles", "Explosions/Remote violence"]
