"""Measure dedupe throughput on your own texts: ``python -m storyline.dedupe.throughput FILE...``.

Each FILE is a ``.txt`` article or a ``.jsonl`` file with a ``text`` field per line. The stream
is added to a fresh ``Deduplicator`` several times and the best pass counts (CPU time), so
other jobs on a shared machine disturb the figure as little as possible; the first pass also
warms the token caches, as a long run would.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from storyline.dedupe.deduplicator import Deduplicator
from storyline.model import Article


def read_texts(paths: list[Path]) -> list[str]:
    texts: list[str] = []
    for path in paths:
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as handle:
                texts.extend(json.loads(line)["text"] for line in handle if line.strip())
        else:
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def measure(texts: list[str], passes: int = 3) -> dict[str, float]:
    best = float("inf")
    for _ in range(passes):
        deduplicator = Deduplicator()
        articles = [Article(id=f"t{i}", input="bench", text=t) for i, t in enumerate(texts)]
        start = time.process_time()
        for article in articles:
            deduplicator.add(article)
        best = min(best, time.process_time() - start)
    words = sum(len(text.split()) for text in texts)
    return {
        "articles": len(texts),
        "mean_words": words / max(1, len(texts)),
        "articles_per_s": len(texts) / best,
        "words_per_s": words / best,
    }


def main(argv: list[str]) -> None:
    result = measure(read_texts([Path(arg) for arg in argv]))
    print(
        f"{result['articles']:.0f} articles, mean {result['mean_words']:.0f} words: "
        f"{result['articles_per_s']:.0f} articles/s, {result['words_per_s']:.0f} words/s "
        f"(= {result['words_per_s'] / 600:.0f} 600-word articles/s), best of 3 passes, CPU time"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
