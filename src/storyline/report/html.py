"""The self-contained HTML report: one file that opens in any browser with no network.

Everything derived from an article goes through Jinja's autoescaping; the template holds no
external references, so the file works offline and from an e-mail attachment.
"""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from storyline import __version__
from storyline.model import Article
from storyline.store import Store

_environment = Environment(
    loader=PackageLoader("storyline.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_report(articles: list[Article], *, skipped: int = 0) -> str:
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.syndication_group:
            groups[article.syndication_group].append(article)
    titles = {article.id: article.title or article.id for article in articles}
    dates = sorted(a.published[:10] for a in articles if a.published)
    template = _environment.get_template("report.html")
    return template.render(
        articles=articles,
        groups=sorted(groups.items(), key=lambda item: -len(item[1])),
        titles=titles,
        date_span=(dates[0], dates[-1]) if dates else None,
        counts={
            "articles": len(articles),
            "copies": sum(1 for a in articles if a.duplicate_of),
            "groups": len(groups),
            "spun": sum(1 for a in articles if "spun" in a.flags),
            "undated": sum(1 for a in articles if "no-date" in a.flags),
            "skipped": skipped,
        },
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
    )


def write_report(store: Store, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    html = render_report(list(store.iter_articles()), skipped=len(store.skipped()))
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(html, encoding="utf-8")
    os.replace(temporary, path)
    return path
