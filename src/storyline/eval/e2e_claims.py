"""Claims, contradictions and stories of the end-to-end score (GUIDE.md, "Scoring").

- a gold claim is found when an output claim's evidence overlaps its quote in the same article;
  its speaker is judged on the best such claim;
- contradictions match one to one, greedily, when both sides' evidence overlaps the gold sides,
  in either order;
- stories: B-cubed over the gold articles (an article in no output story is a singleton).
"""

from __future__ import annotations

from typing import Any

from storyline.eval.e2e_evidence import Evidence, Source, locate
from storyline.eval.e2e_fields import any_name_match, as_list, as_text, bag_overlap, strings

Record = dict[str, Any]
Quote = tuple[str | None, str]


def _claim_text(claim: Record) -> str:
    return claim["text"] if isinstance(claim.get("text"), str) else ""


def score_claims(
    gold_claims: list[tuple[str, Record]], claims: list[Record], ev: Evidence
) -> list[bool | None]:
    """Per gold claim (story id, claim): None when no output claim holds it, else whether the
    best one (most overlap, then most of the quote in its own text) names the right speaker."""
    resolved = []
    for claim in claims:
        text = _claim_text(claim)
        sources = ev.sources(claim, extra_text=text)
        if sources:
            resolved.append((claim, sources, text))
    verdicts: list[bool | None] = []
    for sid, gold in gold_claims:
        gkey, quote = f"{sid}/{gold.get('article_id')}", as_text(gold.get("quote"))
        best: tuple[float, float, bool] | None = None
        for claim, sources, text in resolved:
            overlap = ev.overlap([(gkey, quote)], sources)
            if overlap < ev.min_overlap:
                continue
            right = any_name_match(claim.get("speaker"), gold.get("speaker_any"))
            key = (round(overlap, 3), round(bag_overlap(quote, text), 3), right)
            if best is None or key > best:
                best = key
        verdicts.append(None if best is None else best[2])
    return verdicts


def _gold_side(
    sid: str, quotes: object, listed_ids: object, articles: dict[str, str]
) -> list[Quote]:
    """(gold article key, quote) for each quote of a side: the side's listed articles holding
    it, else every story article holding it, else any article (None)."""
    out: list[Quote] = []
    listed = {f"{sid}/{a}" for a in strings(listed_ids)}
    for quote in strings(quotes):
        keys = [k for k, text in articles.items() if locate(quote, text)]
        keys = [k for k in keys if k in listed] or keys
        if keys:
            out.extend((k, quote) for k in keys)
        else:
            out.append((None, quote))
    return out


def score_contradictions(
    gold: list[tuple[str, Record]],
    story_articles: dict[str, dict[str, str]],
    rows: list[Record],
    claims: list[Record],
    ev: Evidence,
) -> tuple[list[bool], list[bool]]:
    """Greedy one-to-one matching, best overlap first: whether each gold contradiction was
    found, and whether each scorable prediction (two sides, some evidence) matched one."""
    by_id = {str(c.get("id")): c for c in claims}

    def side_sources(ids: object) -> list[Source]:
        out: list[Source] = []
        for cid in ids if isinstance(ids, list) else [ids]:
            claim = by_id.get(str(cid))
            if claim:
                out.extend(ev.sources(claim, extra_text=_claim_text(claim)))
        return out

    gold_sides = [
        (
            _gold_side(sid, x.get("side_a"), x.get("side_a_articles"), story_articles[sid]),
            _gold_side(sid, x.get("side_b"), x.get("side_b_articles"), story_articles[sid]),
        )
        for sid, x in gold
    ]
    preds = []
    for row in rows:
        sides = as_list(row.get("claims"))
        if len(sides) >= 2:
            s1, s2 = side_sources(sides[0]), side_sources(sides[1])
            if s1 or s2:
                preds.append((s1, s2))
    candidates = []
    for gi, (ga, gb) in enumerate(gold_sides):
        for pi, (s1, s2) in enumerate(preds):
            overlap = max(
                min(ev.overlap(ga, s1), ev.overlap(gb, s2)),
                min(ev.overlap(ga, s2), ev.overlap(gb, s1)),
            )
            if overlap >= ev.min_overlap:
                candidates.append((-round(overlap, 3), gi, pi))
    candidates.sort()
    gold_taken: set[int] = set()
    pred_taken: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in gold_taken and pi not in pred_taken:
            gold_taken.add(gi)
            pred_taken.add(pi)
    return (
        [gi in gold_taken for gi in range(len(gold_sides))],
        [pi in pred_taken for pi in range(len(preds))],
    )


def score_stories(
    gold_story: dict[str, str],
    stories: list[Record],
    out_articles: list[Record],
    article_map: dict[str, str],
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of the run's story ids over the gold articles."""
    pred_story: dict[str, str] = {}
    for art in out_articles:
        oid = str(art.get("id"))
        if oid in article_map and art.get("story_id"):
            pred_story.setdefault(article_map[oid], str(art["story_id"]))
    for story in stories:
        for oid in as_list(story.get("article_ids")):
            if str(oid) in article_map:
                pred_story[article_map[str(oid)]] = str(story.get("id"))
    if not gold_story or not set(article_map.values()) & set(gold_story):
        return 0.0, 0.0, 0.0  # no gold article in the output at all
    cluster = {k: pred_story.get(k, "single:" + k) for k in gold_story}
    p = r = 0.0
    for k in gold_story:
        same_pred = {o for o in gold_story if cluster[o] == cluster[k]}
        same_gold = {o for o in gold_story if gold_story[o] == gold_story[k]}
        p += len(same_pred & same_gold) / len(same_pred)
        r += len(same_pred & same_gold) / len(same_gold)
    p, r = p / len(gold_story), r / len(gold_story)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
