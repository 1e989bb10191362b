"""Site skins: how each (made-up) outlet wraps an article body in page chrome.

Real scrapes carry the same kinds of clutter whatever the site: a masthead, a "today" line with
the weather, navigation, cookie prompts, share buttons, captions printed twice, donation pleas,
comment widgets, teaser lists. Each skin here mixes those pieces in its own order and wording,
as plain visible text (one block per line) or as a full HTML page.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Site:
    name: str
    domain: str
    tagline: str | None
    nav: tuple[str, ...]
    breadcrumb: tuple[str, ...]
    date_style: str  # how the header and byline print dates; see format_date
    byline: str  # "{author}" and "{date}" are filled in
    weather: str | None
    cookie: tuple[str, ...]
    share: tuple[str, ...]
    donation: tuple[str, ...]
    newsletter: tuple[str, ...]
    comments: tuple[str, ...]
    related_heading: str
    popular_heading: str | None
    teasers: tuple[str, ...]
    footer: tuple[str, ...]
    html_style: str  # news, wordpress or portal
    cookie_at_end: bool = False
    ad_marker: str = "Advertisement"
    inline_prefix: str = ""  # how a related headline dropped into the body is introduced
    nav_per_line: bool = False  # menus often come out of a scrape one item per line
    today_first: bool = False  # the date bar sits above the masthead


TEASERS = (
    "Ten foods that help you sleep better",
    "Parliament passes budget after late-night session",
    "City council approves new tram line",
    "Oil prices slip as producers meet in Vienna",
    "How to choose a laptop for university",
    "Local club signs Brazilian striker on two-year deal",
    "Heatwave warning issued for the weekend",
    "Five hidden beaches you have never heard of",
    "Central bank holds interest rates steady",
    "Review: the new crime drama everyone is talking about",
    "Airline cancels flights as cabin crew strike",
    "Scientists find new species of frog in the Andes",
    "Property prices cool for third month running",
    "Why more young people are learning to knit",
    "Election commission publishes final candidate list",
    "Smartphone sales fall for the first time",
    "Tennis star withdraws from tournament with injury",
    "Museum reopens after two-year renovation",
    "The best budget headphones, tested",
    "Farmers protest over milk prices",
)


def _teasers(start: int, count: int = 4) -> tuple[str, ...]:
    return tuple(TEASERS[(start + offset) % len(TEASERS)] for offset in range(count))


SITES: dict[str, Site] = {
    "meridian": Site(
        name="The Meridian Tribune",
        domain="www.meridiantribune.com",
        tagline="Independent news since 1962",
        nav=("Home", "World", "Middle East", "Business", "Opinion", "Sport", "Video"),
        breadcrumb=("Home", "World", "Middle East"),
        date_style="long",
        byline="By {author} | Published {date}",
        weather="Beirut 27°C Sunny",
        cookie=("This website uses cookies to improve your experience.", "Accept", "Read more"),
        share=("Share", "Facebook", "Twitter", "WhatsApp", "Email"),
        donation=(
            "Support independent journalism. Our reporting is free for everyone, but it is "
            "not free to produce. Donate today from as little as $1.",
        ),
        newsletter=("Sign up for our daily newsletter", "Enter your email", "Subscribe"),
        comments=("Comments", "Leave a reply", "There are no comments yet.",
                  "Your email address will not be published. Required fields are marked *"),
        related_heading="More like this",
        popular_heading="Most popular",
        teasers=_teasers(0, 5),
        footer=("About us", "Contact", "Privacy policy", "Terms of use",
                "© 2015 The Meridian Tribune. All rights reserved.", "Powered by WordPress"),
        html_style="wordpress",
        inline_prefix="READ MORE: ",
    ),
    "gulfledger": Site(
        name="Gulf Ledger",
        domain="gulfledger.net",
        tagline=None,
        nav=("News", "Region", "World", "Markets", "Lifestyle", "Epaper"),
        breadcrumb=("News", "Region"),
        date_style="dmy",
        byline="{author} | {date}",
        weather="Dubai 41°C",
        cookie=(),
        share=("Share this story", "Tweet", "Share", "Print"),
        donation=(),
        newsletter=("Get the Gulf Ledger morning briefing in your inbox", "Sign up"),
        comments=("Join the conversation", "0 Comments", "Sort by Newest"),
        related_heading="Related",
        popular_heading="Trending",
        teasers=_teasers(5, 4),
        footer=("© Gulf Ledger Media Group 2016", "Advertise with us", "Careers"),
        today_first=True,
        html_style="news",
    ),
    "levantmonitor": Site(
        name="LEVANT MONITOR",
        domain="levantmonitor.org",
        tagline="News and analysis from Syria, Lebanon and Iraq",
        nav=("Home", "Syria", "Lebanon", "Iraq", "Analysis", "Donate", "About"),
        breadcrumb=("Home", "Syria"),
        date_style="dmy",
        byline="Posted by {author} on {date}",
        weather=None,
        cookie=("We use cookies. By continuing to browse you agree to our use of cookies.",
                "OK"),
        share=("Share this:", "Facebook", "Twitter", "Telegram"),
        donation=(
            "Levant Monitor depends on readers like you. If you value our coverage, please "
            "consider making a donation.",
            "Donate now",
        ),
        newsletter=(),
        comments=("Leave a Reply", "Cancel reply", "You must be logged in to post a comment."),
        related_heading="Related",
        popular_heading=None,
        teasers=_teasers(9, 3),
        footer=("Levant Monitor © 2016", "Proudly powered by WordPress | Theme: Newsup"),
        nav_per_line=True,
        html_style="wordpress",
        inline_prefix="Also read: ",
    ),
    "frontline": Site(
        name="Frontline Dispatch",
        domain="frontlinedispatch.info",
        tagline="Breaking news from the world's hot spots",
        nav=("HOME", "WORLD", "CONFLICTS", "VIDEOS", "CONTACT"),
        breadcrumb=("Home", "Conflicts", "Syria"),
        date_style="short",
        byline="{author} / {date}",
        weather="London 14°C Cloudy",
        cookie=(),
        share=("SHARE", "Facebook", "Twitter", "Google+", "Pinterest"),
        donation=(),
        newsletter=("Subscribe to our mailing list", "Email address", "Subscribe"),
        comments=("Leave a reply", "There are no comments yet", "Be the first to comment!"),
        related_heading="You may also like",
        popular_heading="Popular posts",
        teasers=_teasers(12, 4),
        footer=("Copyright © 2015 Frontline Dispatch", "Powered by WordPress"),
        nav_per_line=True,
        today_first=True,
        html_style="wordpress",
        cookie_at_end=True,
    ),
    "newsflash": Site(
        name="NewsFlash24",
        domain="newsflash24.net",
        tagline="All the news, all the time",
        nav=("Home", "World", "Politics", "Celebrity", "Health", "Tech", "Viral"),
        breadcrumb=("Home", "World"),
        date_style="dotted",
        byline="{author} — {date}",
        weather=None,
        cookie=("We value your privacy", "We and our partners use cookies to personalise ads.",
                "I Accept", "Manage options"),
        share=("Share on Facebook", "Share on Twitter"),
        donation=(),
        newsletter=("Get breaking news alerts!", "Allow notifications", "No thanks"),
        comments=("0 comments", "Leave a reply"),
        related_heading="Recommended for you",
        popular_heading="Don't miss",
        teasers=_teasers(15, 6),
        footer=("NewsFlash24 © 2015", "DMCA", "Privacy", "Powered by WordPress"),
        html_style="portal",
        ad_marker="ADVERTISEMENT",
        inline_prefix="",
    ),
    "easterncourier": Site(
        name="The Eastern Courier",
        domain="www.easterncourier.com",
        tagline="Russia and Eurasia, every day",
        nav=("Politics", "Business", "Defence", "Culture", "Opinion", "Archive"),
        breadcrumb=("Politics",),
        date_style="long",
        byline="By {author} — {date}",
        weather="Moscow +9°C",
        cookie=("Our site uses cookies.", "Got it"),
        share=("Share", "VK", "Facebook", "Twitter", "Copy link"),
        donation=(),
        newsletter=("Our weekly digest", "Subscribe"),
        comments=(),
        related_heading="Read also",
        popular_heading="Most read",
        teasers=_teasers(3, 4),
        footer=("© The Eastern Courier, 2015", "Editorial policy", "Contacts"),
        html_style="news",
    ),
    "caspian": Site(
        name="Caspian Observer",
        domain="caspianobserver.com",
        tagline=None,
        nav=("Home", "Iran", "Russia", "Caucasus", "Central Asia", "Energy"),
        breadcrumb=("Home", "Iran"),
        date_style="short",
        byline="By {author} · {date}",
        weather=None,
        cookie=("This site uses cookies", "Accept all"),
        share=("Share", "Tweet"),
        donation=("Become a member and support our reporting.",),
        newsletter=(),
        comments=("Comments are closed.",),
        related_heading="Related stories",
        popular_heading=None,
        teasers=_teasers(7, 3),
        footer=("© Caspian Observer", "Powered by Ghost"),
        html_style="news",
    ),
    "euphrates": Site(
        name="Euphrates Post",
        domain="euphratespost.com",
        tagline="Eastern Syria news",
        nav=("News", "Reports", "Interviews", "Arabic"),
        breadcrumb=("News",),
        date_style="iso",
        byline="{author} - {date}",
        weather="Deir ez-Zor 24°C",
        cookie=(),
        share=("Share", "Facebook", "Twitter"),
        donation=(),
        newsletter=(),
        comments=("Leave a Comment", "No comments yet."),
        related_heading="More news",
        popular_heading=None,
        teasers=_teasers(11, 3),
        footer=("Euphrates Post 2015", "Powered by WordPress"),
        html_style="wordpress",
    ),
    "crescent": Site(
        name="Crescent Times",
        domain="crescenttimes.net",
        tagline=None,
        nav=("Middle East", "Africa", "Asia", "Economy", "Sport"),
        breadcrumb=("Home", "Middle East"),
        date_style="long",
        byline="{author}, {date}",
        weather="Amman 22°C",
        cookie=("We use cookies to give you the best experience.", "Accept"),
        share=("Share", "Facebook", "Twitter", "Email"),
        donation=(),
        newsletter=("Newsletter", "Your email", "Sign up"),
        comments=(),
        related_heading="Related",
        popular_heading="Popular",
        teasers=_teasers(2, 4),
        footer=("© 2016 Crescent Times", "All rights reserved"),
        html_style="portal",
    ),
    "worldbrief": Site(
        name="World Brief",
        domain="worldbrief.news",
        tagline="The world in five minutes",
        nav=("Latest", "World", "Conflict", "Climate", "Explainers"),
        breadcrumb=("Latest", "Conflict"),
        date_style="long",
        byline="By {author}",
        weather=None,
        cookie=("Cookies help us deliver our services.", "Accept"),
        share=("Share", "Copy link"),
        donation=(
            "Independent journalism needs your support. Give monthly and keep World Brief "
            "free for everyone.",
            "Give now",
        ),
        newsletter=("Sign up to The Brief", "Subscribe"),
        comments=("Leave a reply", "There are no comments yet."),
        related_heading="More like this",
        popular_heading="Popular",
        teasers=_teasers(6, 4),
        footer=("World Brief is a registered charity.", "Powered by Newspack"),
        nav_per_line=True,
        html_style="wordpress",
        inline_prefix="",
    ),
    "atlantic": Site(
        name="Atlantic Daily",
        domain="atlanticdaily.com",
        tagline=None,
        nav=("U.S.", "World", "Politics", "National Security", "Opinion"),
        breadcrumb=("World", "National Security"),
        date_style="short",
        byline="By {author} | {date}",
        weather="Washington 68°F",
        cookie=(),
        share=("Share", "Tweet", "Email"),
        donation=(),
        newsletter=("The Daily Briefing", "Sign up"),
        comments=("Comments", "Sign in to comment"),
        related_heading="Related",
        popular_heading="Most popular",
        teasers=_teasers(13, 4),
        footer=("© 2016 Atlantic Daily", "Terms", "Privacy"),
        html_style="news",
    ),
    "bosphorus": Site(
        name="Bosphorus Herald",
        domain="bosphorusherald.com",
        tagline=None,
        nav=("Turkey", "Politics", "World", "Economy"),
        breadcrumb=("Turkey",),
        date_style="dmy",
        byline="{date}",
        weather="Istanbul 19°C",
        cookie=(),
        share=("Share",),
        donation=(),
        newsletter=(),
        comments=(),
        related_heading="Related",
        popular_heading=None,
        teasers=_teasers(17, 3),
        footer=("© Bosphorus Herald",),
        html_style="news",
    ),
    "courrier": Site(
        name="Courrier d'Orient — English edition",
        domain="en.courrierdorient.fr",
        tagline=None,
        nav=("Monde", "Europe", "Moyen-Orient", "Afrique", "Opinions"),
        breadcrumb=("Accueil", "Monde"),
        date_style="dmy",
        byline="Par {author} — {date}",
        weather="Paris 16°C",
        cookie=("En poursuivant votre navigation, vous acceptez l’utilisation de cookies.",
                "OK"),
        share=("Partager", "Facebook", "Twitter"),
        donation=(),
        newsletter=("Recevez notre lettre d’information", "S’inscrire"),
        comments=("Réagir", "Aucun commentaire."),
        related_heading="À lire aussi",
        popular_heading=None,
        teasers=_teasers(4, 3),
        footer=("© Courrier d’Orient 2015", "Mentions légales"),
        html_style="portal",
    ),
    "sentinel": Site(
        name="The Daily Sentinel",
        domain="www.dailysentinel.co.uk",
        tagline=None,
        nav=("News", "UK", "World", "Politics", "Sport", "Money", "Travel"),
        breadcrumb=("News", "World"),
        date_style="long",
        byline="By {author} | Published: {date}",
        weather="London 9°C Showers",
        cookie=("We use cookies to make your experience better.", "Accept and close"),
        share=("Share", "Facebook", "Twitter", "Reddit", "Email"),
        donation=(),
        newsletter=("Sign up to our free newsletter", "Email address", "Sign up"),
        comments=("Leave a reply", "There are no comments yet",
                  "Comments are moderated and may take a while to appear."),
        related_heading="More from World",
        popular_heading="Most read",
        teasers=_teasers(8, 5),
        footer=("© Daily Sentinel Ltd 2016", "Contact us", "Powered by WordPress VIP"),
        today_first=True,
        html_style="news",
        inline_prefix="RELATED: ",
    ),
    "sahel": Site(
        name="Sahel Weekly",
        domain="sahelweekly.com",
        tagline="News from Mali, Niger, Burkina Faso and beyond",
        nav=("Home", "Mali", "Niger", "Burkina Faso", "Chad", "Podcast"),
        breadcrumb=("Home", "Burkina Faso"),
        date_style="dmy",
        byline="By {author} · {date}",
        weather="Ouagadougou 33°C",
        cookie=(),
        share=("Share", "Facebook", "Twitter", "WhatsApp"),
        donation=("Keep Sahel Weekly independent. Donate.",),
        newsletter=("Weekly newsletter", "Subscribe"),
        comments=("Leave a reply", "There are no comments yet."),
        related_heading="Related",
        popular_heading="Popular",
        teasers=_teasers(10, 4),
        footer=("Sahel Weekly © 2016", "Powered by WordPress"),
        nav_per_line=True,
        html_style="wordpress",
    ),
    "africadesk": Site(
        name="Africa Desk",
        domain="africadesk.org",
        tagline=None,
        nav=("West Africa", "East Africa", "Southern Africa", "Opinion"),
        breadcrumb=("West Africa",),
        date_style="short",
        byline="{date}",
        weather=None,
        cookie=(),
        share=("Share",),
        donation=(),
        newsletter=(),
        comments=(),
        related_heading="Related",
        popular_heading=None,
        teasers=_teasers(14, 3),
        footer=("© Africa Desk",),
        html_style="news",
    ),
}

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def format_date(value: date, style: str) -> str:
    """Dates the way real mastheads and bylines print them, not one uniform ISO form."""
    month = _MONTHS[value.month - 1]
    weekday = value.strftime("%A")
    if style == "long":
        return f"{weekday}, {month} {value.day}, {value.year}"
    if style == "dmy":
        return f"{value.day} {month} {value.year}"
    if style == "short":
        return f"{month[:3]} {value.day}, {value.year}"
    if style == "dotted":
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    if style == "iso":
        return value.isoformat()
    if style == "upper":
        return f"{weekday[:3].upper()} {value.day:02d} {month[:3].upper()} {value.year}"
    raise ValueError(f"unknown date style {style!r}")


def _with_time(value: datetime, style: str) -> str:
    return f"{format_date(value, style)} {value:%H:%M}"


@dataclass(frozen=True)
class Page:
    """Everything a skin needs to lay out one article."""

    title: str
    paragraphs: Sequence[str]
    url: str
    author: str | None = None
    published: datetime | None = None
    today: date | None = None  # the header's "today" line; None prints no date
    caption: str | None = None
    inline_related: str | None = None


def parse_published(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _byline(site: Site, page: Page) -> str | None:
    if page.published is None:
        return f"By {page.author}" if page.author else None
    when = _with_time(page.published, site.date_style)
    return site.byline.format(author=page.author or site.name, date=when).strip(" |·—-/,")


def _body_blocks(site: Site, page: Page) -> list[str]:
    """Body paragraphs with an ad marker and a stray related headline mixed in."""
    blocks: list[str] = []
    for index, paragraph in enumerate(page.paragraphs):
        blocks.append(paragraph)
        if index == 1 and len(page.paragraphs) > 3:
            blocks.append(site.ad_marker)
        if index == 2 and page.inline_related:
            blocks.append(site.inline_prefix + page.inline_related)
    return blocks


def text_lines(site: Site, page: Page, rng: random.Random | None = None) -> list[str]:
    """The visible text of the page, one block per line, as a scraper would save it.

    With ``rng`` some chrome pieces are left out at random, so generated pages of one skin
    do not all look identical.
    """

    def keep() -> bool:
        return rng is None or rng.random() > 0.25

    top: list[str] = [site.name]
    if site.tagline and keep():
        top.append(site.tagline)
    if page.today is not None:
        today = format_date(page.today, site.date_style)
        today_line = f"{today} | {site.weather}" if site.weather and keep() else today
        top.insert(0 if site.today_first else len(top), today_line)
    top.extend(site.nav if site.nav_per_line else [" | ".join(site.nav)])
    if site.cookie and not site.cookie_at_end and keep():
        top.extend(site.cookie)
    if site.breadcrumb and keep():
        top.append(" › ".join(site.breadcrumb))
    top.append(page.title)
    byline = _byline(site, page)
    if byline:
        top.append(byline)
    if keep():
        top.extend(site.share)
    if page.caption:
        top.extend([page.caption, page.caption])
    bottom: list[str] = []
    if site.donation and keep():
        bottom.extend(site.donation)
    if site.newsletter and keep():
        bottom.extend(site.newsletter)
    if keep():
        bottom.extend(site.share[:1])
    if site.comments and keep():
        bottom.extend(site.comments)
    bottom.append(site.related_heading)
    bottom.extend(site.teasers)
    if site.popular_heading and keep():
        bottom.append(site.popular_heading)
        bottom.extend(TEASERS[(TEASERS.index(site.teasers[0]) + 7 + i) % len(TEASERS)]
                      for i in range(3))
    bottom.extend(site.footer)
    if site.cookie and site.cookie_at_end:
        bottom.extend(site.cookie)
    return top + _body_blocks(site, page) + bottom


def render_text(site: Site, page: Page, rng: random.Random | None = None) -> str:
    return "\n".join(text_lines(site, page, rng)) + "\n"


def _e(value: str) -> str:
    """Escape for attributes; text nodes use _t so quotes stay as typed, as most CMSs do."""
    return html.escape(value, quote=True)


def _t(value: str) -> str:
    return html.escape(value, quote=False)


def _meta_tags(site: Site, page: Page, charset: str) -> list[str]:
    tags = [f'<meta charset="{charset}">' if charset.lower() == "utf-8" else
            f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta property="og:site_name" content="{_e(site.name)}">',
            f'<meta property="og:title" content="{_e(page.title)}">',
            f'<meta property="og:url" content="{_e(page.url)}">',
            '<meta property="og:type" content="article">']
    if page.published is not None:
        tags.append(f'<meta property="article:published_time" '
                    f'content="{page.published.isoformat()}">')
    if page.author:
        tags.append(f'<meta name="author" content="{_e(page.author)}">')
    return tags


def _time_tag(site: Site, page: Page) -> str:
    if page.published is None:
        return ""
    shown = _with_time(page.published, site.date_style)
    return f'<time datetime="{page.published.isoformat()}">{_e(shown)}</time>'


def _list(items: Sequence[str], link_base: str) -> str:
    rows = "".join(
        f'<li><a href="https://{link_base}/{index}">{_e(item)}</a></li>'
        for index, item in enumerate(items)
    )
    return f"<ul>{rows}</ul>"


def _body_html(site: Site, page: Page) -> str:
    parts: list[str] = []
    for block in _body_blocks(site, page):
        if block == site.ad_marker:
            parts.append(f'<div class="ad-slot"><span class="ad-label">{_e(block)}</span>'
                         '<div id="div-gpt-ad-inarticle"></div></div>')
        elif page.inline_related and block.endswith(page.inline_related):
            parts.append(f'<p class="related-inline"><a href="/related">{_e(block)}</a></p>')
        else:
            parts.append(f"<p>{_t(block)}</p>")
    return "\n".join(parts)


def _figure(page: Page) -> str:
    if not page.caption:
        return ""
    return (f'<figure><img src="/img/lead.jpg" alt="{_e(page.caption)}">'
            f"<figcaption>{_t(page.caption)}</figcaption></figure>")


def render_html(site: Site, page: Page, charset: str = "utf-8") -> str:
    """A complete page in one of three markup families, so extractors meet varied layouts."""
    head = "\n".join([*_meta_tags(site, page, charset),
                      f"<title>{_e(page.title)} | {_e(site.name)}</title>",
                      f'<link rel="canonical" href="{_e(page.url)}">',
                      '<link rel="stylesheet" href="/static/main.css">'])
    nav = "".join(f'<li><a href="/{_e(item.lower())}">{_e(item)}</a></li>' for item in site.nav)
    today = (f'<div class="today">{_e(format_date(page.today, site.date_style))}'
             f'{" · " + _e(site.weather) if site.weather else ""}</div>'
             if page.today else "")
    cookie = (f'<div id="cookie-notice" role="dialog"><p>{_e(site.cookie[0])}</p>'
              + "".join(f"<button>{_e(b)}</button>" for b in site.cookie[1:]) + "</div>"
              if site.cookie else "")
    crumbs = "".join(f'<li><a href="/">{_e(item)}</a></li>' for item in site.breadcrumb)
    byline_name = (f'<span class="byline">By <a rel="author" href="/author">{_e(page.author)}'
                   "</a></span>" if page.author else "")
    share = "".join(f'<a class="share" href="#">{_e(s)}</a>' for s in site.share)
    donation = (f'<div class="donate-box"><p>{_e(" ".join(site.donation))}</p></div>'
                if site.donation else "")
    newsletter = (f'<form class="newsletter"><h3>{_e(site.newsletter[0])}</h3>'
                  '<input type="email" placeholder="Email"><button>Subscribe</button></form>'
                  if site.newsletter else "")
    comments = (f'<section id="comments"><h3>{_e(site.comments[0])}</h3>'
                + "".join(f"<p>{_e(c)}</p>" for c in site.comments[1:]) + "</section>"
                if site.comments else "")
    related = f"<h3>{_e(site.related_heading)}</h3>{_list(site.teasers, site.domain)}"
    popular = (f"<h3>{_e(site.popular_heading)}</h3>{_list(site.teasers[::-1], site.domain)}"
               if site.popular_heading else "")
    footer = "".join(f"<p>{_e(item)}</p>" for item in site.footer)
    body = _body_html(site, page)
    json_ld = ""
    if page.published is not None:
        json_ld = ('<script type="application/ld+json">' + json.dumps({
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": page.title,
            "datePublished": page.published.isoformat(),
            "publisher": {"@type": "Organization", "name": site.name},
        }, ensure_ascii=False) + "</script>")

    if site.html_style == "wordpress":
        page_html = f"""<body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead" class="site-header">
<div class="top-bar">{today}</div>
<div class="site-branding"><p class="site-title"><a href="/">{_e(site.name)}</a></p>
{f'<p class="site-description">{_e(site.tagline)}</p>' if site.tagline else ''}</div>
<nav id="site-navigation" class="main-navigation"><ul class="menu">{nav}</ul></nav>
</header>
<div id="content" class="site-content">
<nav class="breadcrumbs"><ul>{crumbs}</ul></nav>
<main id="main" class="site-main">
<article class="post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">{_t(page.title)}</h1>
<div class="entry-meta">{byline_name} <span class="posted-on">{_time_tag(site, page)}</span>
</div></header>
<div class="sharedaddy">{share}</div>
{_figure(page)}
<div class="entry-content">
{body}
</div>
{donation}
</article>
{comments}
</main>
<aside id="secondary" class="widget-area">
<section class="widget widget_recent_entries">{related}</section>
<section class="widget">{popular}</section>
<section class="widget">{newsletter}</section>
</aside>
</div>
<footer id="colophon" class="site-footer">{footer}</footer>
</div>
{cookie}
<script src="/wp-includes/js/wp-embed.min.js"></script>
</body>"""
    elif site.html_style == "portal":
        page_html = f"""<body>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "world"}});</script>
{cookie}
<div class="wrapper"><div class="header-top">{today}</div>
<div class="logo"><a href="/"><img src="/logo.png" alt="{_e(site.name)}"></a></div>
<div class="menu-bar"><ul>{nav}</ul></div>
<div class="container"><div class="row">
<div class="col-md-8 content-col">
<div class="breadcrumb">{crumbs}</div>
<div class="article-box">
<h1 class="article-title">{_t(page.title)}</h1>
<div class="article-info">{byline_name} {_time_tag(site, page)}</div>
<div class="social-share">{share}</div>
{_figure(page)}
<div class="article-text" itemprop="articleBody">
{body}
</div>
<div class="tags">Tags: <a href="/tag/syria">Syria</a> <a href="/tag/russia">Russia</a></div>
</div>
{comments}
<div class="related-box">{related}</div>
</div>
<div class="col-md-4 sidebar">{popular}{newsletter}
<div class="ad-300x250"><span>{_e(site.ad_marker)}</span></div></div>
</div></div>
<div class="footer">{footer}</div></div>
{json_ld}
</body>"""
    else:
        page_html = f"""<body>
<header class="site-header">
{today}
<a class="logo" href="/">{_e(site.name)}</a>
<nav aria-label="Main"><ul>{nav}</ul></nav>
</header>
{cookie}
<main>
<nav aria-label="Breadcrumb"><ol>{crumbs}</ol></nav>
<article>
<h1>{_t(page.title)}</h1>
<div class="article-meta">{byline_name} {_time_tag(site, page)}</div>
<div class="share-tools">{share}</div>
{_figure(page)}
<div class="article-body">
{body}
</div>
</article>
{donation}
<section class="related">{related}</section>
{comments}
</main>
<aside class="sidebar">{popular}{newsletter}</aside>
<footer>{footer}</footer>
{json_ld}
</body>"""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n{head}\n</head>\n'
            f"{page_html}\n</html>\n")
