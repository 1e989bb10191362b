"""Cue phrases that mark a line as page chrome, grouped by the kind of chrome they signal.

Cues are regular expressions over a case-folded line. ``WHOLE_LINE`` cues must cover the whole
line (give or take punctuation and counts), because the same words occur inside real prose
("the minister will share details"). ``LINE_START`` cues must open the line; ``ANYWHERE`` cues
are distinctive enough to condemn any short line that holds them. English is the target;
German, French and a few other languages are covered for the common widgets.
"""

from __future__ import annotations

import re

_SOCIAL = (
    r"facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|e-?mail|mail|print|"
    r"messenger|flipboard|xing|tumblr|copy link|link kopieren|drucken|teilen|share|tweet|"
    r"pocket|threads|bluesky|mastodon|vk|sms|twittern|mitteilen|teilen|merken|posten|"
    r"instagram|youtube|tiktok|rss"
)

WHOLE_LINE: list[tuple[str, str]] = [
    (
        "share",
        rf"(share|teilen|partager|compartir|condividi|udostępnij)( (this|the|on|via|auf|"
        rf"per|mit))?( (article|story|post|page|artikel|beitrag))?( ?(on|via|auf|mit|:))?"
        rf"( ?({_SOCIAL}))*",
    ),
    ("share", rf"(({_SOCIAL})[ ,|/·•]*){{1,8}}"),
    ("share", r"(share|shares|teilen|likes?|gefällt mir)\s*\d*|\d+\s*(shares|likes)"),
    (
        "advertisement",
        r"(advertisement|advertising|advertisements|sponsored( content| post)?|"
        r"anzeige|werbung|publicité|publicidad|pubblicità|reklama|ad|ads|"
        r"paid (content|post|partner content)|promoted( content)?|"
        r"story continues below( advertisement)?|scroll to continue( with content)?|"
        r"continue reading (the )?(main story|below)|article continues below|"
        r"weiterlesen nach der anzeige|skip (this )?ad|close ad)",
    ),
    (
        "navigation",
        r"(home|homepage|startseite|accueil|inicio|menu|menü|main menu|navigation|"
        r"search|suche|suchen|recherche|buscar|login|log in|sign in|log out|anmelden|"
        r"abmelden|register|registrieren|my account|mein konto|skip to (main )?"
        r"(content|navigation)|zum inhalt springen|springe zum inhalt|back to top|"
        r"nach oben|top|zurück|back|next|previous|weiter|vorherige?s?|nächste?s?|"
        r"mehr|more|read more|weiterlesen|mehr lesen|lire la suite|show more|"
        r"load more|mehr anzeigen|close|schließen|open|öffnen|toggle navigation|"
        r"sections|rubriken|topics|themen|tags|schlagworte|kategorien|categories|"
        r"archive|archiv|kontakt|contact|contact us|about|about us|über uns|"
        r"sitemap|rss|faq|hilfe|help|jobs|careers|karriere|shop|english|deutsch|"
        r"français|español|en|de|fr|es|it|video|videos|audio|podcast|podcasts|"
        r"live|news|nachrichten|\||»|«|›|‹|>|<|→|←|·|•|\+|x|×|≡|☰)",
    ),
    (
        "footer",
        r"(impressum|imprint|datenschutz(erklärung)?|privacy( policy| notice)?|"
        r"terms( of (use|service))?|terms (and|&) conditions|agb|nutzungsbedingungen|"
        r"cookie policy|cookie-richtlinie|accessibility|barrierefreiheit|"
        r"mentions légales|disclaimer|haftungsausschluss|legal( notice)?|"
        r"all rights reserved|alle rechte vorbehalten|tous droits réservés|"
        r"corrections|ethics policy|advertise( with us)?|mediadaten|media kit|"
        r"newsroom|press|presse|partners|partner)",
    ),
    (
        "comments",
        r"(comments?|kommentare?|commentaires?|comentarios?|\d+ (comments?|"
        r"kommentare?|antworten|replies)|(no|keine) (comments?|kommentare)|"
        r"reply|antworten|répondre|report|melden|like|upvote|downvote|"
        r"sort by.*|sortieren nach.*|newest|oldest|best|neueste|älteste|"
        r"view \d+ more repl(y|ies)|show (all )?\d* ?repl(y|ies)|load more comments|"
        r"join the (conversation|discussion)|discuss(ion)?|diskussion|"
        r"post( a)? comment|submit( comment)?|senden|absenden|abschicken|"
        r"cancel reply|name|e-?mail( address)?|website|webseite|your name|"
        r"ihr name|required|erforderlich|pflichtfeld)",
    ),
    (
        "newsletter",
        r"(newsletter|subscribe|abonnieren|s'abonner|sign up|signup|"
        r"jetzt (abonnieren|anmelden|registrieren)|subscribe now|sign up now|"
        r"get the newsletter|newsletter (abonnieren|bestellen))",
    ),
    (
        "teaser",
        r"(more like this|related|related (articles?|stories|content|news|posts|coverage|"
        r"topics)|popular|most popular|most read|most viewed|most shared|trending|"
        r"trending now|top stories|latest|latest news|latest stories|recommended|"
        r"recommended for you|you (may|might) also like|read next|up next|more from .*|"
        r"more on this( story)?|more stories|more news|editor'?s picks|in other news|"
        r"don't miss|must read|in case you missed it|also in .*|elsewhere on .*|"
        r"mehr zum thema|mehr zum thema .*|das könnte sie auch interessieren|"
        r"das könnte dich auch interessieren|auch interessant|meistgelesen|"
        r"meistgelesene artikel|am meisten gelesen|beliebt|beliebte artikel|"
        r"weitere artikel|weitere beiträge|ähnliche artikel|ähnliche beiträge|"
        r"verwandte artikel|empfehlungen|top-artikel|aktuell|neueste artikel|"
        r"à lire aussi|lire aussi|sur le même sujet|les plus lus|"
        r"(siehe|see) auch|see also|related posts|ähnliche themen)",
    ),
]

LINE_START: list[tuple[str, str]] = [
    (
        "related-headline",
        r"(read more|read also|also read|related|related story|related article|"
        r"see also|more:|watch:|listen:|watch now|lesen sie auch|lesen sie "
        r"mehr|mehr dazu|mehr zum thema|auch interessant|zum thema|lire aussi|"
        r"à lire aussi|leer más|lee también|read:|recommended:)\s*[:|>»–-]",
    ),
    (
        "related-headline",
        r"(read more|also read|lesen sie auch|see also|related|mehr zum thema)"
        r"\s*:",
    ),
    (
        "caption",
        r"(photo|photograph|image|picture|pictured|foto|bild|bildquelle|quelle|"
        r"credit|crédito|photo credit|illustration|grafik|video|source|fuente|"
        r"crédit photo)"
        r"\s*(:|©|by\b)",
    ),
    ("caption", r"\(?(photo|image|foto|bild) (by|von|:)"),
    (
        "footer",
        r"(©|\(c\)|copyright|powered by|proudly powered|designed by|theme by|"
        r"built with|site by|made with|all rights reserved|alle rechte|"
        r"tous droits|this (site|website) (uses|is protected)|diese (seite|website) "
        r"(verwendet|nutzt))",
    ),
    (
        "breadcrumb",
        r"(you are here|sie sind hier|sie befinden sich hier|vous êtes ici|"
        r"startseite\s*[>›»/|]|home\s*[>›»/|])",
    ),
    (
        "comments",
        r"(leave a (reply|comment)|leave comment|write a comment|add a comment|"
        r"post a comment|hinterlasse einen kommentar|kommentar (schreiben|verfassen|"
        r"hinterlassen)|schreibe einen kommentar|there are no comments|"
        r"be the first to (comment|reply)|no comments yet|noch keine kommentare|"
        r"thank you for registering|thanks for registering|you must be logged in|"
        r"sie müssen angemeldet|log in to (comment|reply)|sign in to comment|"
        r"your email address will not be published|ihre e-mail-adresse wird nicht|"
        r"deine e-mail-adresse wird nicht|required fields are marked|"
        r"erforderliche felder|comments are closed|kommentare sind geschlossen|"
        r"commenting (is|has been) (closed|disabled)|\d+ (comments?|kommentare?)\b|"
        r"show comments|view comments|kommentare (anzeigen|lesen)|sort by|"
        r"community guidelines|notify me of|benachrichtige mich|save my name|"
        r"we welcome (reader )?comments|\d+ (antworten|responses|replies) (zu|to))",
    ),
    (
        "header-date",
        r"(updated|published|posted|last updated|aktualisiert|veröffentlicht|"
        r"stand|erstellt|mis à jour|publié le)\b[: ]",
    ),
]

ANYWHERE: list[tuple[str, str]] = [
    (
        "cookie",
        r"\bcookies?\b.*\b(use|uses|using|accept|consent|settings|policy|verwend|"
        r"akzept|einstellung|zustimm|utilis|experience|erfahrung|browser)|"
        r"\b(use|uses|using|set|sets|store|place)\s+cookies\b",
    ),
    (
        "cookie",
        r"(accept (all|cookies)|alle akzeptieren|reject all|alle ablehnen|"
        r"manage (consent|preferences|cookies)|privacy settings|"
        r"datenschutzeinstellungen|einwilligung|consent preferences|"
        r"we value your privacy|wir respektieren ihre privatsphäre)",
    ),
    (
        "notification",
        r"(notifications?|push-?nachrichten|benachrichtigungen|"
        r"push-mitteilungen|breaking news alerts?|news alerts?)\b.*"
        r"(turn on|allow|enable|get|receive|activate|aktivieren|erlauben|"
        r"erhalten|zulassen|block|later|später)|"
        r"(turn on|allow|enable|activate|aktivieren|erlauben|zulassen)\b.*"
        r"(notifications?|benachrichtigungen|push)",
    ),
    (
        "notification",
        r"javascript.*\b(enable|disabled|activate|needs|required|turn on|"
        r"aktivier|benötigt|deaktiviert)|(enable|activate|aktivieren sie) "
        r"javascript|adblock|ad blocker|werbeblocker",
    ),
    (
        "donation",
        r"(donate|donation|spende|spenden|faire un don|donar|"
        r"support (our|independent|quality|us|the) (journalism|reporting|work|"
        r"newsroom)|become a (member|supporter|patron|subscriber)|make a "
        r"(contribution|gift)|every contribution|chip in|your support (helps|"
        r"makes|keeps)|unterstützen sie (uns|unsere|unabhängigen)|"
        r"jetzt unterstützen|patreon|paypal|buy me a coffee|ko-fi|"
        r"reader[- ]funded|readers like you|support us|unterstütze\b)",
    ),
    (
        "newsletter",
        r"(newsletter|sign up\b|subscribe to (our|the)|inboxes|postfach|"
        r"already a subscriber|log in for|jetzt (bestellen|registrieren|testen)|"
        r"click here|hier klicken|jetzt klicken|want more\?|"
        r"get (our|the) .*"
        r"(email|newsletter|briefing|digest)|delivered (to|straight to) your inbox|"
        r"in your inbox|jetzt abonnieren|zum newsletter|abonnieren sie|"
        r"enter your email|e-mail-adresse eingeben|your email address)",
    ),
    (
        "comments",
        r"(leave a reply|leave a comment|there are no comments yet|"
        r"thank you for registering|sort by (newest|oldest|best|top|date)|"
        r"your email address will not be published|required fields are marked)",
    ),
    (
        "footer",
        r"(powered by (wordpress|drupal|joomla|blogger|ghost|\w+)|all rights reserved|"
        r"alle rechte vorbehalten|tous droits réservés|©\s*\d{4}|copyright\s*(©\s*)?"
        r"\d{4})",
    ),
]


def compile_cues(cues: list[tuple[str, str]], anchor: str) -> list[tuple[str, re.Pattern[str]]]:
    """Compile cue patterns once; ``anchor`` chooses whole-line, line-start or anywhere."""
    compiled = []
    for reason, pattern in cues:
        if anchor == "whole":
            regex = rf"^[\W\d_]*(?:{pattern})[\W\d_]*$"
        elif anchor == "start":
            regex = rf"^[\W_]*(?:{pattern})"
        else:
            # Cues start at a word: "spende" is not in "Organspende", and the engine only tries
            # the alternation where a word begins, which is several times faster.
            regex = rf"(?<!\w)(?:{pattern})"
        compiled.append((reason, re.compile(regex, re.IGNORECASE)))
    return compiled


WHOLE_LINE_CUES = compile_cues(WHOLE_LINE, "whole")
LINE_START_CUES = compile_cues(LINE_START, "start")
ANYWHERE_CUES = compile_cues(ANYWHERE, "anywhere")
