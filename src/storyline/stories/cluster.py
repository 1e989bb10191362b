"""Incremental story clustering: each article joins the best live story or opens a new one.

Articles arrive in publication order. Candidates come from an inverted index over each story's
top terms and names, whose postings keep only the most recently touched stories, and from the
time window around the article's date, so the cost per article stays flat as the store grows.
The score blends hashed TF-IDF cosine, embedding cosine and shared names, then decays with the
gap in days: the same topic months apart is another story. Shared specifics (a year, a toll, a
magnitude) raise the score and only-different ones lower it, since two happenings of the same
kind read alike but differ in their details. A story of one article asks a little more of a
joiner (one noisy pair decides, and a wrong early pair seeds a story that draws in both
happenings); in return a lone article that stayed apart folds in later, at the join threshold,
once its story has grown and matches it. The whole state saves to bytes so tomorrow's run
continues today's stories.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date

import numpy as np

from storyline.model import stable_id
from storyline.stories.features import (
    HASH_FEATURES,
    MONTH_SLOT,
    NUMBER_SLOT,
    YEAR_SLOT,
    StoryFeatures,
)

STATE_VERSION = 1
SETTLE_NEIGHBOURS = 8  # embedding neighbours a lone article is compared with when settling
SETTLE_PASSES = 3


@dataclass(slots=True)
class ClusterConfig:
    join_threshold: float = 0.45
    merge_threshold: float = 0.55
    text_weight: float = 0.4
    embedding_weight: float = 0.4
    name_weight: float = 0.2
    grace_days: float = 3.0  # gaps up to this many days cost nothing (follow-up reports)
    decay_days: float = 10.0  # beyond the grace, the score falls by e every this many days
    centroid_terms: int = 256
    index_terms: int = 12  # top terms per article/story used as index keys
    index_names: int = 12
    postings: int = 48  # stories kept per index key (most recently touched)
    max_candidates: int = 64
    # Specifics (years, other figures): sharing one is evidence of the same happening,
    # naming only different ones in the same slot is evidence of another of the same kind.
    year_agree: float = 0.1
    year_conflict: float = 0.1
    number_agree: float = 0.05
    number_conflict: float = 0.05
    # Months: naming only other months hints at another happening of the kind; a shared
    # month is common by chance among reports of one season, so it earns nothing.
    month_agree: float = 0.0
    month_conflict: float = 0.05
    # A story of one article is matched on one noisy pair: joining it asks for a bit more,
    # since a wrong early pairing seeds a story that then draws in both happenings.
    singleton_margin: float = 0.05
    late_join_size: int = 1  # stories this small fold into another at the join threshold
    # After a batch, a lone article of it folds into its closest story at this score (None:
    # never). Low values suit closed collections where every report has peers (ECB+); streams
    # full of one-off reports want it high or off (Clust-McMs): the evals tune it on dev.
    # The default sits between the two dev optima (ECB+ 0.2, Clust-McMs off): on their dev
    # parts it gains 0.014 B3 F1 and costs 0.005 respectively.
    settle_threshold: float | None = 0.4


@dataclass(slots=True)
class _Story:
    id: str
    article_ids: list[str] = field(default_factory=list)
    term_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    term_weights: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    names: Counter[str] = field(default_factory=Counter)
    named_articles: int = 0
    embedding_sum: np.ndarray | None = None
    specifics: Counter[str] = field(default_factory=Counter)
    slot_articles: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None

    @property
    def size(self) -> int:
        return len(self.article_ids)

    def embedding(self) -> np.ndarray | None:
        if self.embedding_sum is None:
            return None
        norm = float(np.linalg.norm(self.embedding_sum))
        return self.embedding_sum / norm if norm > 0 else None


def _days_apart(day: date | None, first: date | None, last: date | None) -> float | None:
    if day is None or first is None or last is None:
        return None
    if day < first:
        return float((first - day).days)
    if day > last:
        return float((day - last).days)
    return 0.0


def _slot_counts(specifics: frozenset[str]) -> Counter[str]:
    return Counter({item.partition(":")[0] for item in specifics})


def _slot_support(
    specifics: Counter[str], slots: Counter[str], story: _Story, slot: str
) -> float | None:
    """How firmly the story holds the best-shared detail of one slot; None if either is silent.

    0 means both sides name details of this slot and none in common: a conflict.
    """
    theirs = story.slot_articles.get(slot, 0)
    if not theirs or not slots.get(slot):
        return None
    prefix = f"{slot}:"
    best = 0.0
    for item, count in specifics.items():
        if item.startswith(prefix) and item in story.specifics:
            mine = min(1.0, count / slots[slot])
            best = max(best, mine * min(1.0, story.specifics[item] / theirs))
    return best


class StoryClusterer:
    """Assigns articles to stories one at a time; ``state()``/``load()`` carry it across runs."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        self.config = config or ClusterConfig()
        self._df = np.zeros(HASH_FEATURES, dtype=np.int32)
        self._docs = 0
        self._stories: dict[str, _Story] = {}
        self._alias: dict[str, str] = {}  # merged story id -> the story it went into
        self._group_story: dict[str, str] = {}
        self._article_story: dict[str, str] = {}
        self._postings: dict[str, deque[str]] = {}
        self._fresh: list[str] = []  # stories begun since the last settle()

    # ------------------------------------------------------------------ public API

    def add(self, article_id: str, features: StoryFeatures) -> str:
        """Put one article in a story and return that story's id (stable across merges)."""
        known = self._article_story.get(article_id)
        if known is not None:
            return self.resolve(known)
        ids, weights = self._weigh(features)
        forced = None
        if features.group:
            # A copy follows its syndication group, or the original it duplicates.
            forced = self._group_story.get(features.group) or self._article_story.get(
                features.group
            )
        scores: dict[str, float] = {}
        if forced is not None:
            story = self._stories[self.resolve(forced)]
        else:
            scores = self._score_candidates(ids, weights, features)
            best = max(
                ((sid, score - self._join_bar(sid)) for sid, score in scores.items()),
                key=lambda item: item[1],
                default=None,
            )
            if best is not None and best[1] >= 0:
                story = self._stories[best[0]]
            else:
                story = _Story(id=stable_id("story", article_id))
                self._stories[story.id] = story
                self._fresh.append(story.id)
        self._absorb(story, article_id, ids, weights, features)
        if features.group:
            self._group_story.setdefault(features.group, story.id)
        self._index(story, ids, weights, features.names)
        story = self._merge_neighbours(story, scores)
        return story.id

    def settle(self) -> int:
        """Give each lone article of this batch a second look; return how many folded in.

        While streaming, an article sees only the stories formed before it; once the batch is
        in, its peers that came later may have formed the story it belongs to. Candidates come
        from the index and the nearest story embeddings, not from every stored story.
        """
        threshold = self.config.settle_threshold
        fresh, self._fresh = self._fresh, []
        if threshold is None:
            return 0
        folded = 0
        # Folding one lone article can make its story the match for another: a few passes.
        # The first joins only real stories, so two strays do not pair off before their story
        # has had its chance.
        for rounds in range(SETTLE_PASSES):
            lone_ids = [
                sid for sid in fresh if sid in self._stories and self._stories[sid].size == 1
            ]
            nearest = self._nearest_by_embedding(lone_ids, SETTLE_NEIGHBOURS)
            folded_now = 0
            for story_id in lone_ids:
                lone = self._stories.get(story_id)
                if lone is None or lone.size != 1:
                    continue
                best = self._closest_story(
                    lone, nearest.get(story_id, ()), threshold, min_size=2 if rounds == 0 else 1
                )
                if best is not None:
                    self._merge(best, lone)
                    folded_now += 1
            folded += folded_now
            if rounds and not folded_now:
                break
        return folded

    def _closest_story(
        self, lone: _Story, neighbours: Iterable[str], threshold: float, min_size: int = 1
    ) -> _Story | None:
        """The best story at or above ``threshold`` among index and embedding neighbours."""
        ranked = self._indexed_stories(lone.term_ids, lone.term_weights, frozenset(lone.names))
        ranked += [self.resolve(sid) for sid in neighbours]
        best, best_score = None, threshold
        for other_id in dict.fromkeys(ranked):
            other = self._stories.get(other_id)
            if other is None or other is lone or other.size < min_size:
                continue
            score = self._story_similarity(lone, other)
            if score >= best_score:
                best, best_score = other, score
        return best

    def _nearest_by_embedding(self, story_ids: list[str], k: int) -> dict[str, list[str]]:
        """The ``k`` stories whose mean embedding is closest to each given story's.

        The index keys on a lone article's rarest words, which its story's later articles may
        not share; meaning-level neighbours catch those. One matrix product per batch.
        """
        queries = [sid for sid in story_ids if self._stories[sid].embedding_sum is not None]
        others = [s for s in self._stories.values() if s.embedding_sum is not None]
        if not queries or len(others) < 2:
            return {}
        matrix = np.stack([s.embedding_sum for s in others]).astype(np.float32)
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
        index = {s.id: i for i, s in enumerate(others)}
        found: dict[str, list[str]] = {}
        for start in range(0, len(queries), 512):
            batch = queries[start : start + 512]
            similarity = matrix[[index[sid] for sid in batch]] @ matrix.T
            for row, sid in zip(similarity, batch, strict=True):
                row[index[sid]] = -np.inf
                top = np.argpartition(-row, min(k, row.size - 1))[:k]
                found[sid] = [others[i].id for i in top[np.argsort(-row[top])]]
        return found

    def _story_similarity(self, story: _Story, other: _Story) -> float:
        """How well ``story``, taken as one document, matches ``other``."""
        norm = max(float(np.linalg.norm(story.term_weights)), 1e-9)
        return self._similarity(
            story.term_ids, story.term_weights / norm, story.names,
            max(story.named_articles, 1), story.embedding(), story.first, story.last, other,
            story.specifics, story.slot_articles,
        )  # fmt: skip

    def _join_bar(self, story_id: str) -> float:
        """The score an article needs to join this story."""
        bar = self.config.join_threshold
        if self._stories[story_id].size == 1:
            bar += self.config.singleton_margin
        return bar

    def _merge_bar(self, first: _Story, second: _Story) -> float:
        """Two stories need the merge threshold; a lone article folding in is a late join."""
        small, large = sorted((first, second), key=lambda story: story.size)
        if small.size > self.config.late_join_size:
            return self.config.merge_threshold
        return self._join_bar(large.id)

    def resolve(self, story_id: str) -> str:
        """The live id of a story that may have been merged into another."""
        while story_id in self._alias:
            story_id = self._alias[story_id]
        return story_id

    def story_of(self, article_id: str) -> str | None:
        known = self._article_story.get(article_id)
        return self.resolve(known) if known else None

    def stories(self) -> dict[str, list[str]]:
        """Live story id -> its article ids in arrival order."""
        return {sid: list(story.article_ids) for sid, story in self._stories.items()}

    def merged(self) -> dict[str, str]:
        """Every retired story id -> the live story now holding its articles."""
        return {old: self.resolve(old) for old in self._alias}

    def __len__(self) -> int:
        return len(self._stories)

    # ------------------------------------------------------------------ scoring

    def _weigh(self, features: StoryFeatures) -> tuple[np.ndarray, np.ndarray]:
        """Sublinear TF times running IDF, unit length; document frequencies update first."""
        ids = features.term_ids
        self._docs += 1
        if ids.size:
            np.add.at(self._df, ids, 1)
        if not ids.size:
            return ids, features.term_counts
        idf = np.log((self._docs + 1) / (self._df[ids] + 1)) + 1.0
        weights = (1.0 + np.log(np.maximum(features.term_counts, 1.0))) * idf
        norm = float(np.linalg.norm(weights))
        order = np.argsort(ids)
        return ids[order], (weights[order] / norm).astype(np.float32)

    def _keys(self, ids: np.ndarray, weights: np.ndarray, names: frozenset[str]) -> list[str]:
        top = ids[np.argsort(-weights)[: self.config.index_terms]] if ids.size else []
        keys = [f"t{int(term)}" for term in top]
        keys += [f"n{name}" for name in sorted(names, key=lambda name: (-len(name), name))]
        return keys[: self.config.index_terms + self.config.index_names]

    def _indexed_stories(
        self, ids: np.ndarray, weights: np.ndarray, names: frozenset[str]
    ) -> list[str]:
        """Live stories sharing index keys with these terms and names, most keys first."""
        hits: Counter[str] = Counter()
        for key in self._keys(ids, weights, names):
            for story_id in self._postings.get(key, ()):
                hits[self.resolve(story_id)] += 1
        return [sid for sid, _ in hits.most_common(self.config.max_candidates)]

    def _score_candidates(
        self, ids: np.ndarray, weights: np.ndarray, features: StoryFeatures
    ) -> dict[str, float]:
        candidates = self._indexed_stories(ids, weights, features.names)
        return {
            sid: self._similarity(ids, weights, features.names, 1, features.embedding,
                                  features.day, features.day, self._stories[sid],
                                  Counter(features.specifics), _slot_counts(features.specifics))
            for sid in candidates
        }  # fmt: skip

    def _similarity(
        self,
        ids: np.ndarray,
        weights: np.ndarray,
        names: frozenset[str] | Counter[str],
        named: int,
        embedding: np.ndarray | None,
        first: date | None,
        last: date | None,
        story: _Story,
        specifics: Counter[str] | None = None,
        slots: Counter[str] | None = None,
    ) -> float:
        config = self.config
        gap = None
        if first is not None and last is not None and story.first and story.last:
            gap = max(0.0, float(max((first - story.last).days, (story.first - last).days)))
        decay = 1.0
        if gap is not None and gap > config.grace_days:
            decay = math.exp(-(gap - config.grace_days) / config.decay_days)
            if decay < 0.02:
                return 0.0
        parts: list[tuple[float, float]] = []
        if ids.size and story.term_ids.size:
            _, left, right = np.intersect1d(ids, story.term_ids, assume_unique=True,
                                            return_indices=True)  # fmt: skip
            norm = float(np.linalg.norm(story.term_weights))
            text = float(weights[left] @ story.term_weights[right]) / norm if norm else 0.0
            parts.append((config.text_weight, text))
        story_embedding = story.embedding()
        if embedding is not None and story_embedding is not None and np.any(embedding):
            norm = float(np.linalg.norm(embedding))
            parts.append((config.embedding_weight, float(embedding @ story_embedding) / norm))
        if names and story.named_articles:
            parts.append((config.name_weight, self._name_overlap(names, named, story)))
        if not parts:
            return 0.0
        total = sum(weight for weight, _ in parts)
        score = sum(weight * value for weight, value in parts) / total
        if specifics and slots:
            for slot, agree, conflict in (
                (YEAR_SLOT, config.year_agree, config.year_conflict),
                (NUMBER_SLOT, config.number_agree, config.number_conflict),
                (MONTH_SLOT, config.month_agree, config.month_conflict),
            ):
                support = _slot_support(specifics, slots, story, slot)
                if support is None:
                    continue
                score += agree * support if support > 0 else -conflict
        return decay * score

    @staticmethod
    def _name_overlap(names: frozenset[str] | Counter[str], named: int, story: _Story) -> float:
        """Average share of the story's articles that mention each of these names."""
        if isinstance(names, Counter):
            mine = {name: count / named for name, count in names.items()}
        else:
            mine = dict.fromkeys(names, 1.0)
        total = sum(mine.values())
        shared = sum(
            weight * min(1.0, story.names.get(name, 0) / story.named_articles)
            for name, weight in mine.items()
        )
        return shared / total if total else 0.0

    # ------------------------------------------------------------------ updates

    def _absorb(
        self,
        story: _Story,
        article_id: str,
        ids: np.ndarray,
        weights: np.ndarray,
        features: StoryFeatures,
    ) -> None:
        story.article_ids.append(article_id)
        self._article_story[article_id] = story.id
        self._add_terms(story, ids, weights)
        if features.names:
            story.names.update(features.names)
            story.named_articles += 1
        if features.specifics:
            story.specifics.update(features.specifics)
            story.slot_articles.update(_slot_counts(features.specifics))
        if features.embedding is not None and np.any(features.embedding):
            vector = features.embedding.astype(np.float32)
            story.embedding_sum = (
                vector.copy() if story.embedding_sum is None else (story.embedding_sum + vector)
            )
        if features.day is not None:
            story.first = min(story.first or features.day, features.day)
            story.last = max(story.last or features.day, features.day)

    def _add_terms(self, story: _Story, ids: np.ndarray, weights: np.ndarray) -> None:
        merged_ids = np.concatenate([story.term_ids, ids])
        merged_weights = np.concatenate([story.term_weights, weights])
        unique, inverse = np.unique(merged_ids, return_inverse=True)
        sums = np.zeros(unique.size, dtype=np.float32)
        np.add.at(sums, inverse, merged_weights)
        if unique.size > self.config.centroid_terms:
            keep = np.sort(np.argpartition(-sums, self.config.centroid_terms)[
                : self.config.centroid_terms])  # fmt: skip
            unique, sums = unique[keep], sums[keep]
        story.term_ids, story.term_weights = unique.astype(np.int32), sums

    def _index(
        self, story: _Story, ids: np.ndarray, weights: np.ndarray, names: frozenset[str]
    ) -> None:
        keys = self._keys(ids, weights, names)
        keys += self._keys(story.term_ids, story.term_weights, frozenset())
        for key in dict.fromkeys(keys):
            posting = self._postings.get(key)
            if posting is None:
                posting = self._postings[key] = deque(maxlen=self.config.postings)
            if posting and posting[-1] == story.id:
                continue
            with contextlib.suppress(ValueError):
                posting.remove(story.id)
            posting.append(story.id)

    def _merge_neighbours(self, story: _Story, scores: dict[str, float]) -> _Story:
        """Fold in other stories that this article has made look like the same happening."""
        floor = self.config.join_threshold * 0.75
        for other_id, score in sorted(scores.items(), key=lambda item: -item[1]):
            other_id = self.resolve(other_id)
            if score < floor or other_id == story.id or other_id not in self._stories:
                continue
            other = self._stories[other_id]
            similarity = self._story_similarity(other, story)
            if similarity >= self._merge_bar(story, other):
                story = self._merge(story, other)
        return story

    def _merge(self, first: _Story, second: _Story) -> _Story:
        keep, gone = (first, second) if first.size >= second.size else (second, first)
        keep.article_ids.extend(gone.article_ids)
        norm = max(float(np.linalg.norm(gone.term_weights)), 1e-9)
        self._add_terms(keep, gone.term_ids, gone.term_weights * (gone.size / norm))
        keep.names.update(gone.names)
        keep.named_articles += gone.named_articles
        keep.specifics.update(gone.specifics)
        keep.slot_articles.update(gone.slot_articles)
        if gone.embedding_sum is not None:
            keep.embedding_sum = (
                gone.embedding_sum.copy()
                if keep.embedding_sum is None
                else (keep.embedding_sum + gone.embedding_sum)
            )
        days = [d for d in (keep.first, keep.last, gone.first, gone.last) if d is not None]
        if days:
            keep.first, keep.last = min(days), max(days)
        del self._stories[gone.id]
        self._alias[gone.id] = keep.id
        self._index(keep, keep.term_ids, keep.term_weights, frozenset(keep.names))
        return keep

    # ------------------------------------------------------------------ persistence

    def state(self) -> bytes:
        """Everything needed to continue clustering later, as one compressed npz blob."""
        stories = list(self._stories.values())
        stories.sort(key=lambda s: (s.last or date.min, s.id))
        meta = {
            "version": STATE_VERSION,
            "config": asdict(self.config),
            "docs": self._docs,
            "alias": self._alias,
            "group_story": self._group_story,
            "article_story": self._article_story,
            "fresh": self._fresh,
            "stories": [
                {
                    "id": s.id,
                    "article_ids": s.article_ids,
                    "names": dict(s.names),
                    "named_articles": s.named_articles,
                    "specifics": dict(s.specifics),
                    "slot_articles": dict(s.slot_articles),
                    "first": s.first.isoformat() if s.first else None,
                    "last": s.last.isoformat() if s.last else None,
                }
                for s in stories
            ],
        }
        lengths = np.array([s.term_ids.size for s in stories], dtype=np.int64)
        has_embedding = np.array([s.embedding_sum is not None for s in stories], dtype=bool)
        embeddings = [s.embedding_sum for s in stories if s.embedding_sum is not None]
        df_ids = np.flatnonzero(self._df).astype(np.int32)
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            df_ids=df_ids,
            df_counts=self._df[df_ids],
            term_lengths=lengths,
            term_ids=np.concatenate([s.term_ids for s in stories] or [np.zeros(0, np.int32)]),
            term_weights=np.concatenate(
                [s.term_weights for s in stories] or [np.zeros(0, np.float32)]
            ),
            has_embedding=has_embedding,
            embeddings=np.stack(embeddings) if embeddings else np.zeros((0, 0), np.float32),
        )
        return buffer.getvalue()

    @classmethod
    def load(cls, blob: bytes, config: ClusterConfig | None = None) -> StoryClusterer:
        """Rebuild a clusterer from ``state()``; ``config`` overrides the saved thresholds."""
        arrays = np.load(io.BytesIO(blob), allow_pickle=False)
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        if meta.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported story state version {meta.get('version')}")
        clusterer = cls(config or ClusterConfig(**meta["config"]))
        clusterer._df[arrays["df_ids"]] = arrays["df_counts"]
        clusterer._docs = int(meta["docs"])
        clusterer._alias = dict(meta["alias"])
        clusterer._group_story = dict(meta["group_story"])
        clusterer._article_story = dict(meta["article_story"])
        clusterer._fresh = list(meta.get("fresh", []))
        offsets = np.concatenate([[0], np.cumsum(arrays["term_lengths"])])
        embeddings = iter(arrays["embeddings"])
        for i, record in enumerate(meta["stories"]):
            story = _Story(
                id=record["id"],
                article_ids=list(record["article_ids"]),
                term_ids=arrays["term_ids"][offsets[i] : offsets[i + 1]].astype(np.int32),
                term_weights=arrays["term_weights"][offsets[i] : offsets[i + 1]].astype(np.float32),
                names=Counter(record["names"]),
                named_articles=int(record["named_articles"]),
                specifics=Counter(record.get("specifics", {})),
                slot_articles=Counter(record.get("slot_articles", {})),
                embedding_sum=next(embeddings).astype(np.float32)
                if arrays["has_embedding"][i]
                else None,
                first=date.fromisoformat(record["first"]) if record["first"] else None,
                last=date.fromisoformat(record["last"]) if record["last"] else None,
            )
            clusterer._stories[story.id] = story
            # Stories come oldest first, so the postings end with the most recent ones.
            clusterer._index(story, story.term_ids, story.term_weights, frozenset(story.names))
        return clusterer
