"""Claims as users read them: one record per statement, however many copies repeat it.

The store keeps each article's claims (so a re-run or a new copy changes nothing stored).
On the way out, a statement repeated by copies and rewrites of one original (one syndication
group), or by the same speaker in the very same words, becomes one claim whose ``sources`` list
every article; ``copies`` keeps the folded claims' ids, and contradictions that named a copy
name the statement instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from storyline.claims.statements import merge_copies
from storyline.model import claim_from_record
from storyline.store import Store


def article_groups(store: Store) -> dict[str, str]:
    """Article id -> its syndication group (a copy joins its original's)."""
    return {
        article.id: article.syndication_group or article.duplicate_of or article.id
        for article in store.iter_articles()
    }


def fold_claims(
    records: Iterable[Mapping[str, Any]], groups: Mapping[str, str]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The claims with copies folded, and a map from every claim id to its statement's id."""
    by_story: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_story[record.get("story_id")].append(dict(record))
    folded: list[dict[str, Any]] = []
    same_as: dict[str, str] = {}
    for story_records in by_story.values():
        by_id = {record["id"]: record for record in story_records}
        claims = [claim_from_record(record) for record in story_records]
        for members in merge_copies(claims, groups):
            first = by_id[members[0].id]
            sources = list(first.get("sources") or [])
            for member in members[1:]:
                for source in by_id[member.id].get("sources") or []:
                    if source not in sources:
                        sources.append(source)
            first["sources"] = sources
            first["copies"] = [member.id for member in members[1:]]
            for member in members:
                same_as[member.id] = first["id"]
            folded.append(first)
    return folded, same_as


def renamed_sides(
    contradictions: Iterable[Mapping[str, Any]], same_as: Mapping[str, str]
) -> Iterator[dict[str, Any]]:
    """Contradictions whose claim ids name the folded statements."""
    for record in contradictions:
        updated = dict(record)
        updated["claims"] = [
            list(dict.fromkeys(same_as.get(claim_id, claim_id) for claim_id in side))
            for side in record.get("claims") or []
        ]
        yield updated
