"""What ``storyline status`` says: what the store covers, in words a user reads.

Plain lines rather than a table, so a long database path never wraps mid-word, and no
internal table names: dates, publishers, languages, what was found and what was skipped.
"""

from __future__ import annotations

from collections import Counter

from storyline.report.wording import day_label, plural
from storyline.store import Store


def status_lines(store: Store) -> list[str]:
    """``storyline status`` as plain lines (no table, so a long path never wraps mid-word)."""
    counts = store.counts()
    cover = store.coverage()
    lines = [f"Storyline store  {store.display_url}"]
    articles = counts.get("articles", 0)
    span = ""
    if cover["first"]:
        span = f", published {day_label(cover['first'])} to {day_label(cover['last'])}"
    undated = f" ({cover['undated']} undated)" if cover["undated"] else ""
    inputs = plural(counts.get("inputs_done", 0), "input file", "input files")
    lines.append(
        f"Articles    {plural(articles, 'article', 'articles')} from {inputs}{span}{undated}"
    )
    groups = counts.get("syndication_groups", 0)
    lines.append(
        "Copies      "
        + f"{plural(counts.get('duplicates', 0), 'exact copy', 'exact copies')}, "
        + f"{plural(counts.get('spun', 0), 'spun rewrite', 'spun rewrites')}, "
        + plural(groups, "syndication group", "syndication groups")
    )
    publishers = _top(cover["publishers"], cover["publishers_distinct"], "publisher", "publishers")
    languages = _top(cover["languages"], cover["languages_distinct"], "language", "languages")
    lines.append(f"Publishers  {publishers}")
    lines.append(f"Languages   {languages}")
    analysed = counts.get("article_analysis", 0)
    lines.append(f"Analysed    {analysed} of {plural(articles, 'article', 'articles')}")
    found = [
        plural(counts.get("stories", 0), "story", "stories"),
        plural(counts.get("events", 0), "event", "events"),
        plural(counts.get("claims", 0), "claim", "claims"),
        plural(counts.get("contradictions", 0), "contradiction", "contradictions"),
    ]
    lines.append("Found       " + ", ".join(found))
    reasons = Counter(item.reason for item in store.skipped())
    skipped = sum(reasons.values())
    if skipped:
        by_reason = "; ".join(f"{reason} {n}" for reason, n in reasons.most_common())
        lines.append(f"Skipped     {plural(skipped, 'input', 'inputs')}: {by_reason}")
    else:
        lines.append("Skipped     no inputs")
    runs = counts.get("runs", 0)
    if cover["last_run"]:
        when = str(cover["last_run"])[:16].replace("T", " ")
        lines.append(f"Last run    {when} UTC ({plural(runs, 'run', 'runs')} in all)")
    return lines


def _top(pairs: list[tuple[str, int]], distinct: int, one: str, many: str) -> str:
    """'15 publishers: Atlantic Daily (2), ..., and 6 more'; 'unknown' counts articles without."""
    if not pairs:
        return "none"
    shown = ", ".join(f"{name} ({n})" for name, n in pairs)
    hidden = distinct - sum(1 for name, _ in pairs if name != "unknown")
    more = f", and {hidden} more" if hidden > 0 else ""
    return f"{plural(distinct, one, many)}: {shown}{more}"
