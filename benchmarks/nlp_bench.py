"""Cost of the NLP stage over bare spaCy, on generated conflict-news articles.

    .venv/bin/python benchmarks/nlp_bench.py [--articles 300] [--processes 2] [--repeat 1]

Bodies are built from the demo corpus paragraphs (examples/tools/demo_articles.py), sentences
shuffled and paragraphs mixed across stories with a fixed seed, so every run parses the same
text. "bare" is ``nlp.pipe`` alone; "stage" is the understanding stage: ``parse_articles`` plus,
on every doc, canonical entities, places (``geoparse``), time expressions (``tag_times``) and
casualty numbers, plus ``merge_entities`` over the run. Events and claims are not included (the
full analysis, with them, is timed by ``make bench``). The last line is the summary a script
reads:

    nlp_bench: articles=300 words=... bare_wps=... stage_wps=... ratio=...
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "examples" / "tools"))

from demo_articles import ARTICLES, body_of  # noqa: E402

from storyline.events.numbers import parse_casualties  # noqa: E402
from storyline.model import Article  # noqa: E402
from storyline.nlp import extract_entities, load_aliases, merge_entities, parse_articles  # noqa: E402
from storyline.nlp.model import load_nlp  # noqa: E402
from storyline.places import geoparse, load_gazetteer  # noqa: E402
from storyline.time import tag_times  # noqa: E402

_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])")


def generate_articles(count: int, seed: int = 7) -> list[Article]:
    """``count`` bodies of 6-10 paragraphs drawn from the demo stories, shuffled per article."""
    rng = random.Random(seed)
    paragraphs = [p for demo in ARTICLES for p in body_of(demo)]
    articles = []
    for index in range(count):
        chosen = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(6, 10)))
        body = []
        for paragraph in chosen:
            sentences = _SENTENCE_END.split(paragraph)
            rng.shuffle(sentences)
            body.append(" ".join(sentences))
        text = "\n\n".join(body)
        articles.append(Article(id=f"bench-{index:04d}", input=f"generated:{index}", text=text))
    return articles


def run_bare(articles: list[Article], processes: int, batch_size: int) -> float:
    nlp = load_nlp()
    started = time.perf_counter()
    for _doc in nlp.pipe((a.text for a in articles), batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - started


def run_stage(articles: list[Article], processes: int, batch_size: int) -> tuple[float, float, int]:
    """Wall time of the whole stage, the part spent after parsing, entity count."""
    kb = load_aliases()
    started = time.perf_counter()
    resolving = 0.0
    mentions = []
    for article, doc in parse_articles(articles, batch_size=batch_size, n_process=processes):
        before = time.perf_counter()
        mentions.extend(extract_entities(article, doc, kb))
        geoparse(doc)
        tag_times(article.text, article.published, doc=doc)
        parse_casualties(article.text)
        resolving += time.perf_counter() - before
    before = time.perf_counter()
    entities = merge_entities(mentions)
    resolving += time.perf_counter() - before
    return time.perf_counter() - started, resolving, len(entities)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=1, help="alternate bare/stage runs")
    args = parser.parse_args()

    articles = generate_articles(args.articles)
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_nlp()
    load_aliases().matcher(nlp.vocab)  # built once per run, outside the timing
    load_gazetteer()
    list(nlp.pipe([articles[0].text]))  # warm caches

    bare_times, stage_times, resolve_times, entity_count = [], [], [], 0
    for _ in range(args.repeat):
        bare_times.append(run_bare(articles, args.processes, args.batch_size))
        seconds, resolving, entity_count = run_stage(articles, args.processes, args.batch_size)
        stage_times.append(seconds)
        resolve_times.append(resolving)
    bare, stage, resolve = min(bare_times), min(stage_times), min(resolve_times)
    count = len(articles)
    print(f"corpus: {count} articles, {words} words, {args.processes} processes")
    print(f"bare spaCy: {bare:7.2f} s  {words / bare:8.0f} words/s  {count / bare:6.1f} art/s")
    print(
        f"nlp stage : {stage:7.2f} s  {words / stage:8.0f} words/s  {count / stage:6.1f} art/s"
        f"  ({entity_count} entities)"
    )
    print(
        f"of which entities, places, dates, numbers and merge: {resolve:.2f} s "
        f"({1000 * resolve / count:.1f} ms/article, in the parent process)"
    )
    print(
        f"nlp_bench: articles={count} words={words} bare_wps={words / bare:.0f} "
        f"stage_wps={words / stage:.0f} ratio={stage / bare:.2f} resolve_s={resolve:.2f}"
    )


if __name__ == "__main__":
    main()
