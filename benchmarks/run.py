"""Throughput and peak memory per stage, on a generated corpus.

Each stage runs in its own child process that loads the previous stage's output from a pickle,
so the peak resident memory reported for a stage is that stage's own working set (plus its
input), not whatever earlier stages left behind. The last line is the summary a script reads:

    bench: articles=10000 ingest_aps=... clean_aps=... dedupe_aps=... pipeline_aps=... peak_mb=...
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GENERATED = HERE / "generated"


def stage_ingest(corpus: Path, _previous: Any) -> tuple[list[Any], int]:
    from storyline.ingest import InputFile, discover, read_bytes, read_documents

    documents = []
    for found in discover([corpus], max_bytes=50 * 1024 * 1024):
        if isinstance(found, InputFile):
            data = read_bytes(found)
            if isinstance(data, bytes):
                documents.extend(read_documents(found, data).documents)
    return documents, len(documents)


def stage_clean(_corpus: Path, documents: list[Any]) -> tuple[list[Any], int]:
    from concurrent.futures import ProcessPoolExecutor

    from storyline.clean.document import clean_document
    from storyline.model import Article

    workers = os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=workers) as pool:
        cleaned = list(pool.map(clean_document, documents, chunksize=32))
    articles = [item for item in cleaned if isinstance(item, Article)]
    return articles, len(documents)


def stage_dedupe(_corpus: Path, articles: list[Any]) -> tuple[list[Any], int]:
    from storyline.dedupe import Deduplicator

    deduplicator = Deduplicator()
    for article in articles:
        deduplicator.add(article)
    return articles, len(articles)


STAGE_EXTRA: dict[str, float] = {}  # extra figures a stage reports (words parsed)
ANALYSIS_SAMPLE = 400  # articles; the understanding stage is ~50x slower per article


def _sample(articles: list[Any]) -> list[Any]:
    """Distinct texts: exact copies would flatter a cache, and the bench is about parsing."""
    seen, sample = set(), []
    for article in articles:
        if article.text not in seen:
            seen.add(article.text)
            sample.append(article)
        if len(sample) == ANALYSIS_SAMPLE:
            break
    return sample


def stage_spacy(_corpus: Path, articles: list[Any]) -> tuple[list[Any], int]:
    """Bare spaCy sm over the sample, two processes: the yardstick for the analysis stage."""
    from storyline.nlp.model import load_nlp

    sample = _sample(articles)
    nlp = load_nlp()
    for _doc in nlp.pipe((a.text for a in sample), n_process=os.cpu_count() or 1, batch_size=16):
        pass
    STAGE_EXTRA["words"] = sum(len(a.text.split()) for a in sample)
    return articles, len(sample)


def stage_analysis(_corpus: Path, articles: list[Any]) -> tuple[list[Any], int]:
    """Entities, places, dates, numbers, events and claims over the same sample."""
    from storyline.analysis import analyse_articles

    sample = _sample(articles)
    for _result in analyse_articles(sample, workers=os.cpu_count() or 1):
        pass
    STAGE_EXTRA["words"] = sum(len(a.text.split()) for a in sample)
    return articles, len(sample)


def load_spacy() -> None:
    from storyline.nlp.model import load_nlp

    load_nlp()


def load_analysis_models() -> None:
    from storyline.analysis import build_analyser
    from storyline.nlp.model import load_nlp

    load_nlp()
    build_analyser()


# Model loading happens once per process, whatever the corpus size: timed apart from the
# per-article work, so a 400-article sample is not dominated by it.
STAGE_STARTUP: dict[str, Callable[[], None]] = {
    "spacy": load_spacy,
    "analysis": load_analysis_models,
}

STAGES: dict[str, Callable[[Path, Any], tuple[list[Any], int]]] = {
    "ingest": stage_ingest,
    "clean": stage_clean,
    "dedupe": stage_dedupe,
    "spacy": stage_spacy,
    "analysis": stage_analysis,
}
# Stages whose output is their input (measurements only): the next stage reads the same pickle.
PASS_THROUGH = {"spacy", "analysis"}


def run_stage(name: str, corpus: Path, input_pickle: Path | None, output_pickle: Path) -> None:
    """Child-process entry: run one stage and report seconds, items and peak memory as JSON."""
    previous = pickle.loads(input_pickle.read_bytes()) if input_pickle else None
    startup = STAGE_STARTUP.get(name)
    if startup is not None:
        started = time.perf_counter()
        startup()
        STAGE_EXTRA["startup_s"] = time.perf_counter() - started
    started = time.perf_counter()
    output, items = STAGES[name](corpus, previous)
    seconds = time.perf_counter() - started
    output_pickle.write_bytes(pickle.dumps(output, protocol=pickle.HIGHEST_PROTOCOL))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps({"seconds": seconds, "items": items, "peak_mb": own + children, **STAGE_EXTRA})
    )


def measure_pipeline(corpus: Path, workdir: Path) -> dict[str, float]:
    """`storyline run --no-analyse`: ingest, clean, dedupe, the SQLite store and the outputs.

    The analysis stages are measured on their own sample above; at ~10 articles/s they would
    turn a 10,000-article run into half an hour.
    """
    db = workdir / "bench.db"
    started = time.perf_counter()
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "storyline.cli",
            "run",
            str(corpus),
            "--out",
            str(workdir / "out"),
            "--db",
            str(db),
            "--quiet",
            "--no-analyse",
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"storyline run failed:\n{completed.stderr[-2000:]}")
    lines = (workdir / "out" / "articles.jsonl").read_text(encoding="utf-8").count("\n")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "items": lines, "peak_mb": peak}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="use this folder instead of generating one")
    parser.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--skip-pipeline", action="store_true", help="only the per-stage figures")
    args = parser.parse_args()

    if args.stage:
        run_stage(args.stage, args.corpus, args.input, args.output)
        return

    corpus = args.corpus or GENERATED / f"n{args.n}-seed{args.seed}"
    if args.corpus is None and not corpus.exists():
        print(f"generating {args.n} articles into {corpus} ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate_corpus.py"),
                "--n",
                str(args.n),
                "--out",
                str(corpus),
                "--seed",
                str(args.seed),
            ],
            check=True,
        )
    results: dict[str, dict[str, float]] = {}
    workdir = Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    try:
        previous: Path | None = None
        for name in STAGES:
            output = workdir / f"{name}.pickle"
            command = [
                sys.executable,
                __file__,
                "--stage",
                name,
                "--corpus",
                str(corpus),
                "--output",
                str(output),
            ]
            if previous is not None:
                command += ["--input", str(previous)]
            completed = subprocess.run(command, check=True, capture_output=True, text=True)
            results[name] = json.loads(completed.stdout.strip().splitlines()[-1])
            if name not in PASS_THROUGH:
                previous = output
        if not args.skip_pipeline:
            results["pipeline"] = measure_pipeline(corpus, workdir)
        clustering = subprocess.run(
            [sys.executable, str(HERE / "stories_bench.py")],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"\n{'stage':<10} {'items':>8} {'seconds':>9} {'items/s':>9} {'peak MB':>9} {'words/s':>9}"
    )
    for name, result in results.items():
        rate = result["items"] / result["seconds"] if result["seconds"] else 0.0
        result["rate"] = rate
        words = f"{result['words'] / result['seconds']:>9.0f}" if "words" in result else ""
        print(
            f"{name:<10} {result['items']:>8.0f} {result['seconds']:>9.2f} {rate:>9.1f} "
            f"{result['peak_mb']:>9.0f} {words}"
        )
    stages3 = [results[name] for name in ("ingest", "clean", "dedupe")]
    combined = stages3[0]["items"] / sum(r["seconds"] for r in stages3)
    analysis_ratio = results["analysis"]["seconds"] / results["spacy"]["seconds"]
    print(
        f"\nanalysis stage / bare spaCy on the same {results['spacy']['items']:.0f} articles: "
        f"{analysis_ratio:.2f}x (models loaded before timing: spaCy "
        f"{results['spacy']['startup_s']:.1f} s, analysis {results['analysis']['startup_s']:.1f} s)"
    )
    summary = {
        "articles": int(results["ingest"]["items"]),
        **{f"{name}_aps": round(result["rate"], 1) for name, result in results.items()},
        "ingest_clean_dedupe_aps": round(combined, 1),
        "analysis_vs_spacy": round(analysis_ratio, 2),
        "analysis_wps": round(results["analysis"]["words"] / results["analysis"]["seconds"]),
        "analysis_startup_s": round(results["analysis"]["startup_s"], 1),
        "peak_mb": round(max(result["peak_mb"] for result in results.values())),
        "cores": os.cpu_count(),
    }
    print("\nstory clustering, time per article as the store grows (synthetic features):")
    print("\n".join(clustering.strip().splitlines()[:-1]))
    cluster_figures = clustering.strip().splitlines()[-1].removeprefix("stories_bench: ")
    print(
        "bench: "
        + " ".join(f"{key}={value}" for key, value in summary.items())
        + " "
        + cluster_figures
    )


if __name__ == "__main__":
    main()
