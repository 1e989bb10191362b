"""Pull the article body and its metadata out of one HTML page.

Trafilatura does the heavy lifting; this module picks the settings that score best on real news
pages, strips the chrome that still leaks through (share bars, ad labels, newsletter and donation
prompts, teaser lists, captions printed twice), and reports every visible line it dropped so a
user can audit the cut. It never raises: junk input comes back with ``ok=False`` and a reason.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from storyline.clean.render import parse_html, visible_lines

# Trafilatura and htmldate log every odd page at WARNING; a batch run would drown in them.
for _noisy in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)

MIN_BODY_CHARS = 40  # shorter than a sentence: nothing worth calling an article
PRECISION_TRUSTED_CHARS = 1500  # a precision-mode body this long is never a mere sliver
SLIVER = 0.15  # precision-mode body shorter than this share of balanced mode's is a misfire


@dataclass(slots=True)
class HtmlExtraction:
    text: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_source: str | None = None
    sitename: str | None = None
    language: str | None = None
    removed: list[str] = field(default_factory=list)
    ok: bool = False
    problem: str | None = None


def extract_html(markup: str | bytes, url: str | None = None) -> HtmlExtraction:
    """Best-effort extraction; any failure is reported in ``problem`` instead of raised."""
    try:
        return _extract(markup, url)
    except Exception as exc:  # a broken page must not stop a batch
        return HtmlExtraction(ok=False, problem=f"extraction failed: {type(exc).__name__}: {exc}")


def _extract(markup: str | bytes, url: str | None) -> HtmlExtraction:
    if isinstance(markup, bytes):
        markup = markup.decode("utf-8", errors="replace")
    if not isinstance(markup, str) or not markup.strip():
        return HtmlExtraction(ok=False, problem="empty input")
    tree = parse_html(markup)
    if tree is None:
        return HtmlExtraction(ok=False, problem="not html")
    visible = visible_lines(tree)
    body_element = tree.find("body")
    if body_element is None or not visible:
        return HtmlExtraction(ok=False, problem="no body", language=_html_language(tree))

    document = _trafilatura_document(markup, url, visible_chars=sum(len(line) for line in visible))
    text = _body_text(document, markup, tree)
    sitename = _clean(getattr(document, "sitename", None))
    result = HtmlExtraction(
        title=_title(document, tree, sitename),
        authors=_authors(document),
        sitename=sitename,
        language=_language(document, tree),
    )
    text = strip_chrome(recover_split_body(tree, text), result.title)
    result.text = text
    result.published = _published(markup, tree, url)
    result.published_source = "metadata" if result.published else None
    result.removed = removed_lines(visible, text)
    if len(text) < MIN_BODY_CHARS:
        result.ok = False
        result.problem = "no body"
    else:
        result.ok = True
    return result


# --- body -------------------------------------------------------------------------------------


def _trafilatura_document(markup: str, url: str | None, *, visible_chars: int) -> Any:
    """Precision mode scores best on news pages, but now and then it prunes the whole article
    and keeps a stray notice; when it kept only a sliver of what balanced mode finds, trust
    balanced mode instead.

    Balanced mode never finds more than the page shows, so a precision body that is already a
    fair share of the visible text cannot be a sliver: the second extraction is skipped.
    """
    import trafilatura

    settings: dict[str, Any] = {
        "url": url,
        "with_metadata": True,
        "include_comments": False,
        "include_tables": True,
    }
    precise = trafilatura.bare_extraction(markup, favor_precision=True, **settings)
    precise_length = len(getattr(precise, "text", None) or "")
    if precise_length >= PRECISION_TRUSTED_CHARS or precise_length >= SLIVER * visible_chars:
        return precise
    balanced = trafilatura.bare_extraction(markup, **settings)
    balanced_length = len(getattr(balanced, "text", None) or "")
    if balanced_length >= MIN_BODY_CHARS and precise_length < SLIVER * balanced_length:
        return balanced
    return precise if precise is not None else balanced


def _body_text(document: Any, markup: str, tree: etree._Element) -> str:
    text = (getattr(document, "text", None) or "").strip()
    if len(text) >= MIN_BODY_CHARS:
        return text
    # Trafilatura found nothing: fall back to its baseline (paragraph-level) pass.
    import trafilatura

    try:
        _, baseline_text, _ = trafilatura.baseline(markup)
    except Exception:  # the fallback is best effort
        baseline_text = ""
    return baseline_text.strip() or text


# Containers whose paragraphs are asides to the story even when they sit in its chunk.
_NOT_BODY_TAGS = frozenset({"figure", "figcaption", "aside", "nav", "footer", "header", "form"})
SPLIT_PARAGRAPH_CHARS = 60  # a real paragraph, not a label or a one-line teaser
MAX_LINK_SHARE = 0.3  # paragraphs mostly made of links are teasers


def recover_split_body(tree: etree._Element, text: str) -> str:
    """Add paragraphs from sibling chunks of the extracted body.

    Many sites cut a story into repeated containers (one per ad slot) and trafilatura keeps only
    the first. When the paragraphs it kept share a parent whose twin containers (same tag and
    class, up to three levels up) hold paragraphs with the same kind of parent, those belong to
    the story too.
    """
    body_key = " " + _key(text.replace("\n", " ")) + " "
    parents: dict[etree._Element, int] = {}
    for paragraph in tree.iter("p"):
        content = paragraph.text_content()
        if len(content.strip()) < SPLIT_PARAGRAPH_CHARS:
            continue
        if " " + _key(content) + " " in body_key and paragraph.getparent() is not None:
            parent = paragraph.getparent()
            parents[parent] = parents.get(parent, 0) + 1
    if not parents:
        return text
    home = max(parents, key=lambda element: parents[element])
    signature = (home.tag, home.get("class"))
    if not home.get("class"):
        return text  # unnamed containers are too generic to call twins
    level, twins = home, []
    for _ in range(3):
        above = level.getparent()
        if above is None:
            break
        twins = [
            child
            for child in above
            if child is not level
            and child.tag == level.tag
            and child.get("class") is not None
            and child.get("class") == level.get("class")
        ]
        if twins:
            break
        level = above
    before: list[str] = []
    after: list[str] = []
    for twin in twins:
        is_before = _precedes(twin, level)
        for paragraph in twin.iter("p"):
            line = _split_paragraph(paragraph, signature, body_key)
            if line:
                (before if is_before else after).append(line)
    return "\n".join([*before, text, *after]) if before or after else text


def _split_paragraph(
    paragraph: etree._Element, signature: tuple[Any, str | None], body_key: str
) -> str | None:
    parent = paragraph.getparent()
    if parent is None or (parent.tag, parent.get("class")) != signature:
        return None
    content = re.sub(r"\s+", " ", paragraph.text_content()).strip()
    if len(content) < SPLIT_PARAGRAPH_CHARS:
        return None
    if any(ancestor.tag in _NOT_BODY_TAGS for ancestor in paragraph.iterancestors()):
        return None
    linked = sum(len(link.text_content()) for link in paragraph.iter("a"))
    if linked > MAX_LINK_SHARE * len(content):
        return None
    if " " + _key(content) + " " in body_key:
        return None
    return content


def _precedes(first: etree._Element, second: etree._Element) -> bool:
    parent = first.getparent()
    return parent is not None and parent.index(first) < parent.index(second)


# Lines that are page furniture wherever they appear; anchored so body sentences never match.
_CHROME_LINE = re.compile(
    r"""^(?:
        advertisement|advertising|ad|sponsored(?:\ content)?|promoted|
        (?:story|article)\ continues\ (?:below|after)\ (?:this\ )?(?:advertisement|ad)|
        continue\ reading\ (?:below|the\ main\ story)|skip\ (?:ad|advertisement)|
        share(?:\ this)?(?:\ (?:article|story|page|post))?|share\ (?:on|via)\ \w+|
        (?:tweet|email|print|copy\ link|whatsapp|facebook|twitter|linkedin|reddit|pinterest)|
        (?:facebook|twitter|whatsapp|email|linkedin|reddit|pinterest|print)
            (?:\ ?[|·•/]\ ?(?:facebook|twitter|whatsapp|email|linkedin|reddit|pinterest|print))+|
        (?:sign\ up|subscribe)\ (?:for|to)\ (?:our|the)\ [\w\ ]{0,30}newsletters?.{0,80}|
        get\ (?:the\ latest|our)\ .{0,60}\ (?:delivered\ )?(?:to|in)\ your\ inbox.{0,40}|
        (?:related|related\ (?:articles|stories|content|coverage|posts)|more\ from\ [\w\ ]{1,30}|
           you\ (?:may|might)\ also\ like|recommended(?:\ for\ you)?|most\ (?:read|popular)|
           read\ (?:more|next)|trending(?:\ now)?)\ ?:?|
        (?:please\ )?(?:donate|support\ (?:our|independent)\ journalism).{0,120}|
        (?:leave\ a\ comment|comments?|\d+\ comments?|view\ comments|show\ comments|
           join\ the\ (?:conversation|discussion))|
        (?:click|tap)\ (?:here|to)\ .{0,40}(?:subscribe|sign\ up|newsletter|app).{0,40}|
        (?:image|photo|picture)\ (?:copyright|caption)\ ?.{0,60}|
        (?:order|buy)\ reprints|print\ (?:article|this\ (?:article|page|story))|
        this\ copy\ is\ for\ your\ personal,?\ non-commercial\ use\ only.*|
        (?:like|enjoy(?:ed)?)\ this\ (?:story|article|post)\?.{0,60}|
        tell\ us\ what\ you\ think.{0,20}|have\ your\ say.{0,20}|
        \[\w+[^\]]*\].*\[/\w+\]
    )\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
# Teaser lines: a label then a linked headline ("READ MORE: ...", "Related: ...").
_TEASER_LINE = re.compile(
    r"^(?:read more|related|more|see also|also read|watch|recommended|most read)\s*[:|»>–-]\s*\S",
    re.IGNORECASE,
)


# A short line that asks the reader to sign up for a newsletter, wherever the ask sits in it.
_NEWSLETTER_PROMPT = re.compile(
    r"\b(?:sign(?:ing)? up|subscribe|delivered (?:to|in)(?:to)? your inbox)\b.*\bnewsletters?\b"
    r"|\bnewsletters?\b.*\b(?:sign(?:ing)? up|subscribe)\b",
    re.IGNORECASE,
)
NEWSLETTER_PROMPT_MAX_CHARS = 260


def strip_chrome(text: str, title: str | None = None) -> str:
    """Drop chrome lines that survive extraction and second copies of repeated lines."""
    kept: list[str] = []
    recent: list[str] = []
    title_key = _key(title) if title else None
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        key = _key(line)
        if not kept and title_key and key == title_key:
            continue  # the headline is metadata, not body
        if _CHROME_LINE.match(line) or _TEASER_LINE.match(line):
            continue
        if len(line) <= NEWSLETTER_PROMPT_MAX_CHARS and _NEWSLETTER_PROMPT.search(line):
            continue
        if key and key in recent:
            continue  # a caption or pull quote printed twice in a row
        recent = [*recent[-1:], key]
        kept.append(line)
    return "\n".join(kept)


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", line.casefold()).strip()


def removed_lines(visible: list[str], body: str) -> list[str]:
    """Visible lines not found in the body, matched in reading order to avoid stray hits."""
    body_key = " " + _key(body.replace("\n", " ")) + " "
    body_line_keys = {_key(line) for line in body.split("\n")}
    removed: list[str] = []
    cursor = 0
    for line in visible:
        key = _key(line)
        if not key:
            continue
        needle = " " + key + " "
        position = body_key.find(needle, cursor)
        if position >= 0 and (len(key) >= 25 or key in body_line_keys):
            cursor = position + len(needle) - 1
            continue
        if len(key) >= 25 and needle in body_key:
            continue  # found out of order (e.g. a caption moved by the extractor)
        if key in body_line_keys and position < 0:
            continue
        removed.append(line)
    return removed


# --- metadata ---------------------------------------------------------------------------------


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def _title(document: Any, tree: etree._Element, sitename: str | None) -> str | None:
    """The headline, never the outlet's name that pages often put in <title> alone."""
    candidates = [_clean(getattr(document, "title", None))]
    for xpath in ("//article//h1", "//main//h1", "//h1", "//title"):
        candidates.extend(_clean(node.text_content()) for node in tree.xpath(xpath))
    for candidate in candidates:
        title = _strip_sitename(candidate, sitename)
        if title:
            return title
    return None


def _strip_sitename(title: str | None, sitename: str | None) -> str | None:
    """Headlines in <title> often carry the outlet ("Headline | Outlet"); keep the headline."""
    if not title or not sitename:
        return title
    site = _key(sitename)
    if _key(title) == site:
        return None
    parts = re.split(r"\s+[|–—:-]\s+|\s+[|»]\s*", title)
    if len(parts) > 1:
        kept = [part for part in parts if _key(part) != site]
        if kept and len(kept) < len(parts):
            return " - ".join(kept).strip() or title
    return title


def _authors(document: Any) -> list[str]:
    raw = _clean(getattr(document, "author", None))
    if not raw:
        return []
    names = [name.strip() for name in re.split(r";|\band\b|,(?=\s*[A-Z])", raw)]
    return [name for name in names if name and len(name) > 1]


def _language(document: Any, tree: etree._Element) -> str | None:
    language = _clean(getattr(document, "language", None))
    if language:
        return language.split("-")[0].split("_")[0].lower()[:2] or None
    return _html_language(tree)


def _html_language(tree: etree._Element) -> str | None:
    raw = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not raw:
        for meta in tree.xpath("//meta[@http-equiv or @name]"):
            name = (meta.get("http-equiv") or meta.get("name") or "").lower()
            if name in {"content-language", "language"} and meta.get("content"):
                raw = meta.get("content")
                break
    if not raw:
        return None
    code = re.split(r"[-_,\s]", raw.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2}", code) else None


# --- date -------------------------------------------------------------------------------------

# Page furniture whose dates describe the visit or the site, not the article.
_DATE_NOISE = "//header|//nav|//footer|//aside|//*[@role='banner' or @role='navigation']"


def _published(markup: str, tree: etree._Element, url: str | None) -> str | None:
    """Metadata, URL and dates printed next to the article; never the masthead's "today"."""
    from htmldate import find_date

    pruned = _copy_without(tree, _DATE_NOISE)
    try:
        found = find_date(pruned, url=url, original_date=True, extensive_search=False)
        if found:
            return str(found)
        # Only search the article's own text at length, where a bare date is its own.
        for node in pruned.xpath("//article|//main|//*[@itemprop='articleBody']"):
            found = find_date(_standalone(node), url=url, original_date=True, extensive_search=True)
            if found:
                return str(found)
    except Exception:  # a malformed date is no reason to lose the article
        return None
    return None


def _copy_without(tree: etree._Element, xpath: str) -> etree._Element:
    from copy import deepcopy

    copy = deepcopy(tree)
    for node in copy.xpath(xpath):
        # Keep <header> elements inside the article: they hold its byline and dateline.
        if node.tag == "header" and node.xpath("ancestor::article or ancestor::main"):
            continue
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)
    return copy


def _standalone(node: etree._Element) -> etree._Element:
    from lxml import html

    return html.fromstring(etree.tostring(node, encoding="unicode"))
