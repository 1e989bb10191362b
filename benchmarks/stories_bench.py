"""Time per article of incremental story clustering as the store grows (1k, 10k, 50k).

Synthetic articles: each belongs to a topic with its own vocabulary slice, names and an
embedding direction, published over a year, so stories form, go stale and new ones start.
Run: .venv/bin/python benchmarks/stories_bench.py [--sizes 1000 10000 50000]
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta

import numpy as np

from storyline.stories.cluster import StoryClusterer
from storyline.stories.features import HASH_FEATURES, StoryFeatures


def synthetic_stream(count: int, seed: int = 7) -> list[tuple[str, StoryFeatures]]:
    rng = np.random.default_rng(seed)
    topics = max(10, count // 8)  # about eight articles a story
    topic_terms = rng.integers(0, HASH_FEATURES, size=(topics, 60))
    topic_names = rng.integers(0, 5 * topics, size=(topics, 4))
    topic_vectors = rng.normal(size=(topics, 384)).astype(np.float32)
    topic_day = rng.integers(0, 365, size=topics)
    common = rng.integers(0, HASH_FEATURES, size=2000)
    start = date(2016, 1, 1)
    stream = []
    for i in range(count):
        topic = int(rng.integers(0, topics))
        own = rng.choice(topic_terms[topic], size=25, replace=False)
        background = rng.choice(common, size=80, replace=False)
        ids, counts = np.unique(np.concatenate([own, own[:8], background]), return_counts=True)
        vector = topic_vectors[topic] + 0.8 * rng.normal(size=384).astype(np.float32)
        vector /= np.linalg.norm(vector)
        features = StoryFeatures(
            term_ids=ids.astype(np.int32),
            term_counts=counts.astype(np.float32),
            names=frozenset(f"name{n}" for n in rng.choice(topic_names[topic], 3)),
            embedding=vector,
            day=start + timedelta(days=int(topic_day[topic] + rng.integers(0, 4))),
        )
        stream.append((f"art{i}", features))
    stream.sort(key=lambda item: item[1].day or start)
    return stream


def run(count: int) -> tuple[float, float, float, int, int]:
    stream = synthetic_stream(count)
    clusterer = StoryClusterer()
    started = time.perf_counter()
    last_thousand = started
    for i, (article_id, features) in enumerate(stream):
        if i == count - min(1000, count):
            last_thousand = time.perf_counter()
        clusterer.add(article_id, features)
    finished = time.perf_counter()
    clusterer.settle()  # the whole stream as one batch: the worst case for the second look
    settled = time.perf_counter()
    tail = min(1000, count)
    blob = clusterer.state()
    return (
        (finished - started) / count * 1000,
        (finished - last_thousand) / tail * 1000,
        (settled - finished) / count * 1000,
        len(clusterer),
        len(blob),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    args = parser.parse_args()
    print(f"{'articles':>9} {'ms/article':>11} {'ms/article (last 1k)':>21} "
          f"{'settle ms/article':>18} {'stories':>8} {'state MB':>9}")  # fmt: skip
    summary = []
    for size in args.sizes:
        mean_ms, tail_ms, settle_ms, stories, state_bytes = run(size)
        print(f"{size:>9} {mean_ms:>11.2f} {tail_ms:>21.2f} {settle_ms:>18.3f} {stories:>8} "
              f"{state_bytes / 1e6:>9.1f}", flush=True)  # fmt: skip
        summary.append(f"ms_last1k_at_{size // 1000}k={tail_ms:.2f}")
        summary.append(f"settle_ms_at_{size // 1000}k={settle_ms:.3f}")
    print("stories_bench: " + " ".join(summary))


if __name__ == "__main__":
    main()
