"""``storyline eval clustering``: incremental story clustering against gold event clusters.

Two datasets. ECB+ (every topic holds two real events of the same kind; documents are clustered
into the 86 events): thresholds are tuned on topics 1-35 and scores reported on the standard
test topics 36-45, clustered together as one stream. Clust-McMs: tuned on its dev file, scored
on its test file with and without the 109-article catch-all cluster (its articles are removed
before clustering in the "without" row). ``--split dev`` scores the tuning parts themselves. The
baseline is TF-IDF cosine with single-link at the threshold that maximises B-cubed F1 on the
same tuning part.
"""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from storyline.eval.report import EvalReport, MissingData
from storyline.eval.split import check_split
from storyline.model import Article
from storyline.stories.cluster import ClusterConfig, StoryClusterer
from storyline.stories.features import StoryFeatures, arrival_order, build_features

ECB_DIR = "ecbplus"
CLUST_DIR = "clustmcms-news-clusters"
ECB_TEST_TOPICS = range(36, 46)
THRESHOLDS = [round(0.25 + 0.05 * i, 2) for i in range(8)]
MERGE_MARGINS = (0.05, 0.1, 0.2)  # how much more alike two stories must be to merge
SETTLE_THRESHOLDS = (None, 0.2, 0.3, 0.4, 0.5)  # second look for lone articles (None: off)


@dataclass(slots=True)
class LabelledArticle:
    article: Article
    label: str
    features: StoryFeatures | None = None


# ---------------------------------------------------------------------------- metrics


def b_cubed(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, float]:
    """Item-averaged B-cubed precision, recall and F1."""
    pairs = Counter(zip(gold, predicted, strict=True))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    n = len(gold)
    if not n:
        return 0.0, 0.0, 0.0
    precision = sum(count * count / predicted_sizes[p] for (g, p), count in pairs.items()) / n
    recall = sum(count * count / gold_sizes[g] for (g, p), count in pairs.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def scores(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, float, float]:
    p, r, f = b_cubed(gold, predicted)
    return p, r, f, float(adjusted_rand_score(gold, predicted))


# ---------------------------------------------------------------------------- readers

_TOPIC_DOC = re.compile(r"(\d+)_(\d+)(ecb|ecbplus)\.xml")


def read_ecbplus(folder: Path) -> list[tuple[int, LabelledArticle]]:
    """(topic, article) for every document; the label is topic + sub-topic (the event)."""
    root = folder / "ECB+"
    if not root.exists():
        raise MissingData(root)
    documents: list[tuple[int, int, str, LabelledArticle]] = []
    for path in sorted(root.glob("*/*.xml.gz")):
        match = _TOPIC_DOC.match(path.name.removesuffix(".gz"))
        if not match:
            continue
        topic, number, kind = int(match[1]), int(match[2]), match[3]
        with gzip.open(path, "rb") as handle:
            tree = ET.parse(handle)
        sentences: dict[int, list[str]] = {}
        for token in tree.getroot().iter("token"):
            sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
        lines = [" ".join(words) for _, words in sorted(sentences.items())]
        url = None
        # ECB+ documents open with their URL as sentence 0: that is metadata, not text.
        if lines and lines[0].replace(" ", "").startswith("http"):
            url = lines.pop(0).replace(" ", "")
        title = lines[0] if lines else None
        article = Article(
            id=path.name.removesuffix(".xml.gz"),
            input=str(path),
            text="\n".join(lines[1:]) if len(lines) > 1 else "\n".join(lines),
            title=title,
            url=url,
        )
        label = f"{topic}-{kind}"
        documents.append((topic, number, kind, LabelledArticle(article, label)))
    # Ingest order: by topic, then document number, the two events interleaved.
    documents.sort(key=lambda item: (item[0], item[1], item[2]))
    return [(topic, item) for topic, _, _, item in documents]


def read_clustmcms(path: Path) -> list[LabelledArticle]:
    if not path.exists():
        raise MissingData(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    result = []
    for record, cluster in zip(data["articles"], data["clusters"], strict=True):
        text = "\n".join(sentence["content"] for sentence in record["sentences"])
        article = Article(id=f"c{record['ID']}", input=str(path), text=text,
                          title=record.get("title"))  # fmt: skip
        result.append(LabelledArticle(article, str(cluster)))
    return result


# ---------------------------------------------------------------------------- systems


def _with_features(items: list[LabelledArticle]) -> None:
    from storyline.embed import embed_texts

    features = build_features([item.article for item in items], embed=embed_texts)
    for item, feature in zip(items, features, strict=True):
        item.features = feature


def run_clusterer(items: Sequence[LabelledArticle], config: ClusterConfig) -> list[str]:
    """Stream the articles through a fresh clusterer; the story id of each, in input order."""
    clusterer = StoryClusterer(config)
    by_id = {item.article.id: item for item in items}
    for article in arrival_order([item.article for item in items]):
        features = by_id[article.id].features
        assert features is not None
        clusterer.add(article.id, features)
    clusterer.settle()  # the whole test part is one batch, as one run of the pipeline
    return [clusterer.story_of(item.article.id) or "" for item in items]


def single_link(matrix: np.ndarray, threshold: float) -> list[str]:
    graph = matrix >= threshold
    _, labels = connected_components(graph, directed=False)
    return [str(label) for label in labels]


def tfidf_cosines(items: Sequence[LabelledArticle]) -> np.ndarray:
    texts = [f"{item.article.title or ''}\n{item.article.text}" for item in items]
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    return (vectors @ vectors.T).toarray()


def tune_baseline(items: Sequence[LabelledArticle]) -> float:
    matrix = tfidf_cosines(items)
    gold = [item.label for item in items]
    return max(THRESHOLDS, key=lambda t: b_cubed(gold, single_link(matrix, t))[2])


def tune_clusterer(items: Sequence[LabelledArticle], base: ClusterConfig) -> ClusterConfig:
    gold = [item.label for item in items]
    best = (-1.0, base)
    for threshold in THRESHOLDS:
        for merge_margin in MERGE_MARGINS:
            config = replace(
                base, join_threshold=threshold, merge_threshold=threshold + merge_margin
            )
            f1 = b_cubed(gold, run_clusterer(items, replace(config, settle_threshold=None)))[2]
            if f1 > best[0]:
                best = (f1, replace(config, settle_threshold=None))
    # Then, with those thresholds, how low a lone article's second look may reach.
    for settle in SETTLE_THRESHOLDS[1:]:
        config = replace(best[1], settle_threshold=settle)
        f1 = b_cubed(gold, run_clusterer(items, config))[2]
        if f1 > best[0]:
            best = (f1, config)
    return best[1]


# ---------------------------------------------------------------------------- report


def _thresholds(config: ClusterConfig) -> str:
    settle = "off" if config.settle_threshold is None else f"{config.settle_threshold:.2f}"
    return f"{config.join_threshold:.2f}/{config.merge_threshold:.2f}/{settle}"


def _row(name: str, system: str, items: Sequence[LabelledArticle], predicted: list[str],
         threshold: float | str) -> list[object]:  # fmt: skip
    gold = [item.label for item in items]
    p, r, f, ari = scores(gold, predicted)
    return [name, system, len(items), len(set(gold)), len(set(predicted)), threshold, p, r, f, ari]


def evaluate(data_dir: Path, *, limit: int | None = None, split: str = "test") -> EvalReport:
    check_split(split, task="clustering")
    ecb = read_ecbplus(data_dir / ECB_DIR)
    clust_dev = read_clustmcms(data_dir / CLUST_DIR / "mds_ac_dev_final.json")
    ecb_dev = [item for topic, item in ecb if topic not in ECB_TEST_TOPICS]
    if split == "test":
        clust_test = read_clustmcms(data_dir / CLUST_DIR / "mds_ac_test_final.json")
        ecb_test = [item for topic, item in ecb if topic in ECB_TEST_TOPICS]
    else:  # dev: tuned and scored on the same dev part (an in-sample figure)
        clust_test, ecb_test = clust_dev, ecb_dev
    if limit is not None:
        ecb_dev, ecb_test = ecb_dev[:limit], ecb_test[:limit]
        clust_dev, clust_test = clust_dev[:limit], clust_test[:limit]
    _with_features(list({id(item): item for item in
                         [*ecb_dev, *ecb_test, *clust_dev, *clust_test]}.values()))  # fmt: skip

    catch_all = Counter(item.label for item in clust_test).most_common(1)[0][0]
    dev_catch_all = Counter(item.label for item in clust_dev).most_common(1)[0][0]
    clust_test_core = [item for item in clust_test if item.label != catch_all]
    clust_dev_core = [item for item in clust_dev if item.label != dev_catch_all]
    ecb_name, mcms_name = ("ecb+ 36-45", "mcms test") if split == "test" else (
        "ecb+ 1-35 (dev)", "mcms dev")  # fmt: skip

    rows: list[list[object]] = []
    summary: dict[str, object] = {}
    plans = [
        ("ecbplus", ecb_dev, [(ecb_name, ecb_test)]),
        ("clustmcms", clust_dev, [(mcms_name, clust_test)]),
        ("clustmcms_core", clust_dev_core,
         [("mcms core", clust_test_core)]),
    ]  # fmt: skip
    for key, dev, tests in plans:
        config = tune_clusterer(dev, ClusterConfig())
        baseline_threshold = tune_baseline(dev)
        for name, test in tests:
            ours = _row(name, "ours", test, run_clusterer(test, config),
                        _thresholds(config))  # fmt: skip
            base = _row(name, "baseline", test,
                        single_link(tfidf_cosines(test), baseline_threshold),
                        baseline_threshold)  # fmt: skip
            rows += [ours, base]
            summary.setdefault(f"{key}_b3_f1", ours[8])
            summary.setdefault(f"baseline_{key}_b3_f1", base[8])
    line = {
        "ecbplus_b3_f1": summary["ecbplus_b3_f1"],
        "clustmcms_b3_f1": summary["clustmcms_b3_f1"],
        "baseline_ecbplus_b3_f1": summary["baseline_ecbplus_b3_f1"],
    }
    notes = [
        "ECB+: tuned on topics 1-35 (all but the test topics), scored on topics 36-45 as one "
        "stream; labels are topic + sub-topic (ecb / ecbplus files).",
        "baseline = TF-IDF cosine, single-link at the dev-best threshold; ours = StoryClusterer "
        "(join/merge thresholds tuned on the same dev part, then the settle threshold: the "
        "score at which a lone article folds into its closest story after the batch; 'off' "
        "when dev is better without), articles streamed in ingest order; threshold column = "
        "join/merge/settle.",
        "Clust-McMs (mcms): tuned on dev, scored on test; 'mcms core' drops the largest gold "
        f"cluster ({catch_all}) before clustering, and is tuned on dev without its own.",
        f"clustmcms w/o catch-all: storyline {summary['clustmcms_core_b3_f1']:.4f}, baseline "
        f"{summary['baseline_clustmcms_core_b3_f1']:.4f}; baseline clustmcms "
        f"{summary['baseline_clustmcms_b3_f1']:.4f}",
        f"split={split}: "
        + (
            "scored on the dev parts the thresholds were tuned on (in-sample)"
            if split == "dev"
            else "tuned on ECB+ 1-35 and Clust-McMs dev, scored on ECB+ 36-45 and Clust-McMs test"
        ),
    ]
    return EvalReport(
        task="clustering",
        columns=[
            "set",
            "system",
            "docs",
            "gold",
            "clusters",
            "threshold",
            "B3 P",
            "B3 R",
            "B3 F1",
            "ARI",
        ],
        rows=rows,
        summary=line,
        notes=notes,
        split=split,
    )
