"""Incremental detection of exact copies, wire reprints and spun rewrites.

Articles arrive one at a time, across runs. For each new article the deduplicator decides,
against everything registered before it:

* ``duplicate_of``: an earlier article with the same normalised text (case, punctuation and
  whitespace ignored). Copies point at the original: the earliest published of them, or,
  when their dates do not tell, the first to arrive (never the file name that sorts first
  when a later-published copy came in first).
* ``syndication_group``: near copies (MinHash LSH over word 5-gram shingles, verified by
  estimated Jaccard or containment, so a trimmed or extended wire copy still counts), spun
  rewrites and exact copies share one group. The group id is the id of the member that was
  registered first. An article with no relative has no group (``None``); when a relative
  arrives, both get the group id, and the earlier one is reported in
  ``DedupeDecision.changed`` so the caller can update it.
* the ``spun`` flag: a rewrite whose sentences align one-to-one with an original's but with
  words swapped in place (thesaurus spinning), or a page stitched from sentences of several
  articles. Candidates come from a second MinHash LSH over canonical content words, which
  survives the word swaps that break shingles. Which side is the rewrite follows from who used
  the spinner-typical variants ("Russian Federation", "slain"), references with no
  antecedent, then publication date, then arrival order.

Two outlets reporting the same event share names and numbers but not sentences, so they align
on few sentences and are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from storyline.dedupe.align import Alignment, align
from storyline.dedupe.features import (
    containment_from_jaccard,
    estimated_jaccard,
    extract,
)
from storyline.dedupe.lsh import BandIndex
from storyline.dedupe.sketch import Sketch
from storyline.model import Article

SPUN = "spun"
DEDUPE_FLAGS = frozenset({SPUN})

Relation = Literal[
    "new",
    "known",
    "exact",
    "exact-original",  # an exact copy of an earlier arrival, but published before it
    "near-copy",
    "spun-rewrite",
    "spun-original",
    "stitched",
]


@dataclass(frozen=True, slots=True)
class DedupeConfig:
    """Every threshold in one place; defaults suit cleaned news articles of 100+ words."""

    shingle_size: int = 5  # tokens per shingle
    num_perm: int = 64  # MinHash permutations for shingles
    content_num_perm: int = 64  # MinHash permutations for the content-word index
    seed: int = 1
    lsh_threshold: float = 0.3  # shingle LSH retrieval (low: containment needs it)
    near_copy_jaccard: float = 0.5  # estimated shingle Jaccard for a near copy
    near_copy_containment: float = 0.8  # share of the shorter text's shingles in the longer
    min_shingles: int = 20  # shorter texts only match exactly
    content_lsh_threshold: float = 0.25  # content-word LSH retrieval for rewrites
    rewrite_min_content_jaccard: float = 0.3  # estimated content-word Jaccard to align at all
    rewrite_min_content_containment: float = 0.4  # or the smaller word set's share in the other
    max_rewrite_candidates: int = 8
    sentence_similarity: float = 0.6  # word-level similarity for two sentences to align
    rewrite_min_aligned: int = 3  # aligned sentences needed (fewer if the text is shorter)
    rewrite_min_coverage: float = 0.5  # share of the shorter text's sentences aligned
    rewrite_min_swapped: float = 0.5  # share of aligned sentences with in-place word swaps
    rewrite_min_swap_rate: float = 0.12  # swaps per aligned content word (editors: < 0.07)
    spun_min_aligned: int = 4  # fewer aligned sentences need two spinner-typical words
    stitched_min_coverage: float = 0.6  # share of a page's sentences lifted from others
    stitched_min_per_source: int = 2
    sentence_key_min_words: int = 6  # sentences this long are indexed to find lifted ones
    max_sentence_holders: int = 50  # a sentence in more articles than this is a stock phrase
    standalone_odd_variants: int = 3  # spinner word choices that flag a page with no original
    standalone_min_cues: int = 4  # odd variants + orphan references, for the same


@dataclass(slots=True)
class DedupeUpdate:
    """New dedupe fields of an earlier article, for the caller to write back."""

    article_id: str
    duplicate_of: str | None
    syndication_group: str | None
    flags_added: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DedupeDecision:
    article_id: str
    duplicate_of: str | None
    syndication_group: str | None
    flags_added: list[str]
    relation: Relation
    related: list[str]  # the earlier articles this decision rests on
    changed: list[DedupeUpdate] = field(default_factory=list)


@dataclass(slots=True)
class _Entry:
    order: int
    state: bytes
    sketch: Sketch
    duplicate_of: str | None = None
    syndication_group: str | None = None
    flags: set[str] = field(default_factory=set)
    indexed: bool = False


class Deduplicator:
    """Decides, article by article, copies, syndication groups and spun rewrites."""

    def __init__(self, config: DedupeConfig | None = None) -> None:
        self.config = config or DedupeConfig()
        self._entries: dict[str, _Entry] = {}
        self._by_exact_hash: dict[int, str] = {}
        self._groups: dict[str, list[str]] = {}
        # canonical sentence -> articles holding it (one id, or a list when several do)
        self._sentence_index: dict[int, str | list[str]] = {}
        self._shingle_index = BandIndex(self.config.lsh_threshold, self.config.num_perm)
        self._content_index = BandIndex(
            self.config.content_lsh_threshold, self.config.content_num_perm
        )

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._entries

    # ----------------------------------------------------------------- persistence

    def state(self, article_id: str) -> bytes:
        """The bytes to store with an article so ``load`` can restore it next run."""
        return self._entries[article_id].state

    def load(
        self,
        article_id: str,
        state: bytes,
        *,
        syndication_group: str | None,
        duplicate_of: str | None,
        flags: Iterable[str] = (),
    ) -> None:
        """Register an article decided in an earlier run. Load in the original arrival order,
        so that group ids (the first member's id) stay what they were."""
        if article_id in self._entries:
            return
        sketch = Sketch.from_bytes(state)
        if len(sketch.shingle_signature) != self.config.num_perm or (
            len(sketch.content_signature) != self.config.content_num_perm
        ):
            raise ValueError(
                f"state of {article_id} was made with other MinHash sizes "
                f"({len(sketch.shingle_signature)}/{len(sketch.content_signature)} permutations)"
            )
        entry = _Entry(
            order=len(self._entries),
            state=state,
            sketch=sketch,
            duplicate_of=duplicate_of,
            syndication_group=syndication_group,
            flags={flag for flag in flags if flag in DEDUPE_FLAGS},
        )
        self._entries[article_id] = entry
        if syndication_group is not None:
            self._groups.setdefault(syndication_group, []).append(article_id)
        if duplicate_of is None:
            self._by_exact_hash.setdefault(sketch.exact_hash, article_id)
            self._index(article_id, entry)
        else:
            self._by_exact_hash.setdefault(sketch.exact_hash, duplicate_of)

    # ----------------------------------------------------------------- decisions

    def add(self, article: Article) -> DedupeDecision:
        """Decide for a new article, set its dedupe fields, and register it."""
        known = self._entries.get(article.id)
        if known is not None:
            self._apply(article, known)
            return DedupeDecision(
                article.id, known.duplicate_of, known.syndication_group, [], "known", []
            )
        config = self.config
        features = extract(article.text, config.shingle_size)
        sketch = Sketch.from_features(
            features,
            num_perm=config.num_perm,
            content_num_perm=config.content_num_perm,
            seed=config.seed,
            published=article.published,
        )
        entry = _Entry(order=len(self._entries), state=sketch.to_bytes(), sketch=sketch)
        changes: dict[str, DedupeUpdate] = {}
        relation, related = self._decide(article.id, entry, changes)
        self._entries[article.id] = entry
        if relation != "exact":
            self._index(article.id, entry)
        self._by_exact_hash.setdefault(sketch.exact_hash, article.id)
        if relation == "new" and self._looks_spun_alone(sketch):
            entry.flags.add(SPUN)
        if related:
            changes.update(self._join(article.id, related))
        self._apply(article, entry)
        changes.pop(article.id, None)
        return DedupeDecision(
            article_id=article.id,
            duplicate_of=entry.duplicate_of,
            syndication_group=entry.syndication_group,
            flags_added=sorted(entry.flags),
            relation=relation,
            related=related,
            changed=sorted(changes.values(), key=lambda u: self._entries[u.article_id].order),
        )

    def _decide(
        self, article_id: str, entry: _Entry, changes: dict[str, DedupeUpdate]
    ) -> tuple[Relation, list[str]]:
        sketch = entry.sketch
        root = self._by_exact_hash.get(sketch.exact_hash)
        if root is not None and sketch.shingle_count:
            entry.flags |= self._entries[root].flags
            if _published_before(sketch.published, self._entries[root].sketch.published):
                # The copy that arrived first was published later: the new one is the
                # original, whatever order the files came in.
                self._promote(article_id, root, changes)
                return "exact-original", [root]
            entry.duplicate_of = root
            return "exact", [root]
        copies = self._near_copies(sketch)
        if copies:
            if any(SPUN in self._entries[other].flags for other in copies):
                entry.flags.add(SPUN)  # a copy of a spun page is just as spun
            return "near-copy", copies
        return self._rewrites(article_id, entry, changes)

    def _promote(self, article_id: str, root: str, changes: dict[str, DedupeUpdate]) -> None:
        """Make ``article_id`` the original of ``root``'s exact copies (and of ``root``)."""
        root_sketch = self._entries[root].sketch
        self._by_exact_hash[root_sketch.exact_hash] = article_id
        for other_id, other in self._entries.items():
            if other_id == root or other.duplicate_of == root:
                other.duplicate_of = article_id
                changes[other_id] = self._update(other_id)

    def _near_copies(self, sketch: Sketch) -> list[str]:
        config = self.config
        if sketch.shingle_count < config.min_shingles:
            return []
        matches: list[tuple[float, int, str]] = []
        for other_id in self._shingle_index.query(sketch.shingle_signature):
            other = self._entries[other_id].sketch
            if other.shingle_count < config.min_shingles:
                continue
            jaccard = estimated_jaccard(sketch.shingle_signature, other.shingle_signature)
            containment = containment_from_jaccard(
                jaccard, sketch.shingle_count, other.shingle_count
            )
            if jaccard >= config.near_copy_jaccard or containment >= config.near_copy_containment:
                matches.append((-jaccard, self._entries[other_id].order, other_id))
        return [other_id for _, _, other_id in sorted(matches)]

    def _rewrites(
        self, article_id: str, entry: _Entry, changes: dict[str, DedupeUpdate]
    ) -> tuple[Relation, list[str]]:
        config = self.config
        sketch = entry.sketch
        candidates: list[tuple[float, str]] = []
        lifted = self._shared_sentences(sketch)
        for other_id in self._content_index.query(sketch.content_signature) | lifted.keys():
            other = self._entries[other_id].sketch
            jaccard = estimated_jaccard(sketch.content_signature, other.content_signature)
            shared = containment_from_jaccard(jaccard, sketch.content_count, other.content_count)
            if (
                jaccard >= config.rewrite_min_content_jaccard
                or shared >= config.rewrite_min_content_containment
                or lifted.get(other_id, 0) >= config.stitched_min_per_source
            ):
                candidates.append((jaccard, other_id))
        if not candidates:
            return "new", []
        candidates.sort(key=lambda item: (-item[0], self._entries[item[1]].order))
        sentences = sketch.sentences()
        sources: list[tuple[Alignment, str]] = []
        copies: list[tuple[Alignment, str]] = []
        for _, other_id in candidates[: config.max_rewrite_candidates]:
            other_entry = self._entries[other_id]
            alignment = align(sentences, other_entry.sketch.sentences(), config.sentence_similarity)
            verdict = self._judge(alignment)
            if verdict == "spun":
                if self._new_is_rewrite(alignment, sketch, other_entry.sketch):
                    entry.flags.add(SPUN)
                    return "spun-rewrite", [other_id]
                if SPUN not in other_entry.flags:
                    other_entry.flags.add(SPUN)
                    changes[other_id] = self._update(other_id)
                return "spun-original", [other_id]
            if verdict == "copy":
                copies.append((alignment, other_id))
            if alignment.aligned >= config.stitched_min_per_source:
                sources.append((alignment, other_id))
        if (sketch.orphans or sketch.odd_variants >= 2) and self._is_stitched(sources):
            # outlets quoting one press release share sentences too; a stitched page also
            # shows its seams (a "he said" with no one named) or spinner word choices
            entry.flags.add(SPUN)
            main_source = max(sources, key=lambda item: (item[0].aligned, -self._order(item[1])))
            return "stitched", [main_source[1]]
        if copies:
            # an edited wire copy: same sentences, a few words changed, re-cut or reordered
            copies.sort(key=lambda item: (-item[0].aligned, self._order(item[1])))
            return "near-copy", [other_id for _, other_id in copies]
        return "new", []

    def _shared_sentences(self, sketch: Sketch) -> dict[str, int]:
        """Earlier articles holding the same sentences (canonical words), with counts."""
        counts: dict[str, int] = {}
        for key in _sentence_keys(sketch, self.config.sentence_key_min_words):
            bucket = self._sentence_index.get(key)
            if bucket is None:
                continue
            holders = bucket if isinstance(bucket, list) else [bucket]
            if len(holders) > self.config.max_sentence_holders:
                continue  # a stock phrase, not a lifted sentence
            for holder in holders:
                counts[holder] = counts.get(holder, 0) + 1
        return counts

    def _judge(self, alignment: Alignment) -> Literal["copy", "spun", "unrelated"]:
        """Spun: most aligned sentences have words swapped in place, at a thesaurus rate.

        Copy editors change a word here and there (about one swap per 20-100 aligned words);
        spinners change one word in three to eight, in nearly every sentence.
        """
        config = self.config
        needed = min(config.rewrite_min_aligned, alignment.eligible_a, alignment.eligible_b)
        if needed == 0 or alignment.aligned < needed:
            return "unrelated"
        if alignment.coverage_shorter < config.rewrite_min_coverage:
            return "unrelated"
        swap_rate = alignment.swaps / alignment.aligned_words if alignment.aligned_words else 0.0
        odd_words = alignment.odd_a + alignment.odd_b
        if (
            alignment.swapped >= max(1, config.rewrite_min_swapped * alignment.aligned)
            and swap_rate >= config.rewrite_min_swap_rate
            and (alignment.aligned >= config.spun_min_aligned or odd_words >= 2)
        ):
            return "spun"
        return "copy"

    def _is_stitched(self, sources: list[tuple[Alignment, str]]) -> bool:
        """A page built from sentences of articles from two or more different groups."""
        by_group: dict[str, set[int]] = {}
        for alignment, other_id in sources:
            group = self._entries[other_id].syndication_group or other_id
            by_group.setdefault(group, set()).update(alignment.aligned_in_a)
        contributing = [
            covered
            for covered in by_group.values()
            if len(covered) >= self.config.stitched_min_per_source
        ]
        if len(contributing) < 2:
            return False
        eligible = sources[0][0].eligible_a
        covered_by_all = set().union(*contributing)
        largest = max(len(covered) for covered in contributing)
        minimum = self.config.stitched_min_coverage * eligible
        return len(covered_by_all) >= minimum and largest < minimum

    def _new_is_rewrite(self, alignment: Alignment, new: Sketch, old: Sketch) -> bool:
        """Which of two aligned texts is the rewrite: the one with more spinner cues."""
        new_cues = alignment.odd_a + new.orphans
        old_cues = alignment.odd_b + old.orphans
        if new_cues != old_cues:
            return new_cues > old_cues
        if new.odd_variants != old.odd_variants:
            return new.odd_variants > old.odd_variants
        if new.published and old.published and new.published[:10] != old.published[:10]:
            return new.published[:10] > old.published[:10]
        return True  # the later arrival copies the earlier one

    def _looks_spun_alone(self, sketch: Sketch) -> bool:
        config = self.config
        return (
            sketch.odd_variants >= config.standalone_odd_variants
            and sketch.odd_variants + sketch.orphans >= config.standalone_min_cues
        )

    # ----------------------------------------------------------------- groups

    def _join(self, article_id: str, related: list[str]) -> dict[str, DedupeUpdate]:
        """Put the article and its relatives in one group named after its first member."""
        members: set[str] = {article_id}
        for other_id in related:
            group = self._entries[other_id].syndication_group
            members.update(self._groups.get(group, [other_id]) if group else [other_id])
        group_id = min(members, key=self._order)
        changes: dict[str, DedupeUpdate] = {}
        for member in members:
            entry = self._entries[member]
            old_group = entry.syndication_group
            if old_group == group_id:
                continue
            if old_group is not None and old_group in self._groups:
                self._groups[old_group].remove(member)
                if not self._groups[old_group]:
                    del self._groups[old_group]
            entry.syndication_group = group_id
            self._groups.setdefault(group_id, []).append(member)
            changes[member] = self._update(member)
        return changes

    def _order(self, article_id: str) -> int:
        return self._entries[article_id].order

    def _update(self, article_id: str) -> DedupeUpdate:
        entry = self._entries[article_id]
        return DedupeUpdate(
            article_id, entry.duplicate_of, entry.syndication_group, sorted(entry.flags)
        )

    def _index(self, article_id: str, entry: _Entry) -> None:
        if entry.indexed:
            return
        sketch = entry.sketch
        if sketch.shingle_count:
            self._shingle_index.insert(article_id, sketch.shingle_signature)
        if sketch.content_count:
            self._content_index.insert(article_id, sketch.content_signature)
        for key in _sentence_keys(sketch, self.config.sentence_key_min_words):
            bucket = self._sentence_index.get(key)
            if bucket is None:
                self._sentence_index[key] = article_id
            elif isinstance(bucket, list):
                if len(bucket) <= self.config.max_sentence_holders:
                    bucket.append(article_id)
            elif bucket != article_id:
                self._sentence_index[key] = [bucket, article_id]
        entry.indexed = True

    @staticmethod
    def _apply(article: Article, entry: _Entry) -> None:
        article.duplicate_of = entry.duplicate_of
        article.syndication_group = entry.syndication_group
        for flag in sorted(entry.flags):
            article.add_flag(flag)


def _published_before(first: str | None, second: str | None) -> bool:
    """``first`` is a strictly earlier publication day than ``second`` (both known)."""
    if not first or not second:
        return False
    return first[:10] < second[:10]


def _sentence_keys(sketch: Sketch, min_words: int) -> set[int]:
    """One key per sentence of ``min_words`` or more canonical words.

    In memory only (rebuilt on load), so Python's per-process hash of the bytes is fine.
    """
    data = sketch.words.tobytes()
    ends = np.cumsum(sketch.sentence_lengths, dtype=np.int64) * 4
    starts = ends - sketch.sentence_lengths.astype(np.int64) * 4
    return {
        hash(data[start:end])
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True)
        if end - start >= 4 * min_words
    }
