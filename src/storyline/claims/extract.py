"""Reported speech (who said what) from a dependency parse plus quotation marks.

Three shapes are recognised, each yielding a source span, a cue span and a content span:

- a reporting verb with a subject: the content is its clausal complement ("X said (that) ...",
  "X told reporters ..."), its object for verbs like deny/accuse ("denied the reports"), a
  quotation next to the verb (“...,” he said / X said: “...”), or, when the verb is a
  parenthetical ("The strikes, he added, were ..."), the rest of the sentence;
- "according to X", in front or at the end of its sentence;
- a participle hanging off a clause ("..., saying ..."), whose speaker is the clause's subject.

Speakers are resolved in ``speakers``. Besides reported speech, the outlet's own tolls are
claims of the outlet's, and a paragraph going on with a just-attributed quote keeps its speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.claims.lexicon import (
    CLAUSE_ONLY_VERBS,
    NO_OBJECT_VERBS,
    OBJECT_CONTENT_VERBS,
    REPORTING_VERBS,
)
from storyline.claims.quotes import Quote, find_quotes, quote_containing
from storyline.claims.speakers import (
    CanonicalSpeaker,
    NamedSpeaker,
    phrase_span,
    resolve_speaker,
)
from storyline.claims.structure import fill_structure
from storyline.claims.tolls import read_tolls
from storyline.model import Article, Claim, Evidence, stable_id

_SUBJECTS = ("nsubj",)
_COMPLEMENTS = ("ccomp", "xcomp")
_TRIM_CHARS = " \t\n,;:-\u2013\u2014"
_QUOTE_CHARS = '"\u201c\u201d'
_GAP_BEFORE_CUE = re.compile(r"^[\s,;:\-\u2013\u2014]*$")
_GAP_AFTER_CUE = re.compile(r"^\s*[,:]\s*$")
# "BEIRUT, Oct 1 (AFP) - ": the wire's place, date and credit opening a story; not content
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]{2,30}(?:,[^\n,()\u2014\u2013]{1,30})?\s*(?:\([A-Za-z .]{2,20}\))?"
    r"\s*[\u2014\u2013-]+\s+"
)
OWN_ACCOUNT_SPEAKER = "the article"


@dataclass(slots=True)
class Attribution:
    """One attribution relation as character spans into the parsed text."""

    cue: tuple[int, int]
    content: tuple[int, int]
    verb: str
    stance: str
    source: tuple[int, int] | None = None
    speaker: str | None = None
    speaker_kind: str = "ANY"  # PERSON, ORG or ANY
    generic: bool = False
    evidence: tuple[int, int] = (0, 0)
    content_text: str = ""
    frame: tuple[int, int] | None = None  # the speaker-and-cue clause, cut out of the content
    affiliation: str | None = None  # the body a named person speaks for


def extract_claims(
    article: Article, doc: Doc, *, canonical_speaker: CanonicalSpeaker | None = None
) -> list[Claim]:
    """Claims with speakers for one article; ``doc`` must be the parse of ``article.text``.

    Besides reported speech, a sentence that states a toll in the outlet's own voice ("89
    people were arrested") is a claim of the outlet's, marked ``attributed=False``: sources
    disagree in such sentences as often as in quotes.
    """
    if doc.text != article.text:
        raise ValueError("doc must be the parse of article.text so offsets line up")
    claims: list[Claim] = []
    seen: set[tuple[int, int]] = set()
    attributions = extract_attributions(doc, canonical_speaker=canonical_speaker)
    for attribution in attributions:
        if not attribution.speaker or not attribution.content_text:
            continue
        start, end = attribution.content
        if (start, end) in seen:
            continue  # "said ..., adding": one statement, one claim
        seen.add((start, end))
        claim_id = stable_id("clm", article.id, str(start), str(end), str(attribution.cue[0]))
        ev_start, ev_end = attribution.evidence
        claim = Claim(
            id=claim_id,
            speaker=attribution.speaker,
            text=attribution.content_text,
            verb=attribution.verb,
            story_id=article.story_id,
            stance=attribution.stance,
            sources=[Evidence(article.id, article.text[ev_start:ev_end], ev_start, ev_end)],
            content_span=[start, end],
        )
        content = doc.char_span(start, end, alignment_mode="expand")
        context = doc.char_span(ev_start, ev_end, alignment_mode="expand")
        claims.append(
            fill_structure(claim, content, context, attribution.frame, attribution.affiliation)
        )
    continued = _continued_quotes(article, doc, attributions)
    claims.extend(continued)
    spoken = attributions + [_as_attribution(claim) for claim in continued]
    claims.extend(_own_account_claims(article, doc, spoken))
    return claims


def _continued_quotes(article: Article, doc: Doc, attributions: list[Attribution]) -> list[Claim]:
    """Paragraphs that go on with a quote just attributed: news copy opens every paragraph of
    a long speech with a quote mark and names the speaker only once ('"...," Mr Ging said.' /
    '"It has killed 40 people...')."""
    text = doc.text
    quoted = [a for a in attributions if a.speaker and _opens_quote(text, a.content[0])]
    found: list[Claim] = []
    spans = [(a.evidence[0], a.evidence[1]) for a in attributions]
    for paragraph in re.finditer(r"[^\n]+", text):
        start, end = paragraph.start(), paragraph.end()
        if text[start] not in '\u201c"' or any(a < end and start < b for a, b in spans):
            continue
        before = [
            a for a in quoted if a.evidence[1] <= start and "\n" in text[a.evidence[1] : start]
        ]
        if not before:
            continue
        last = max(before, key=lambda a: a.evidence[1])
        if text[last.evidence[1] : start].strip():
            continue  # another paragraph came between
        content = _trimmed(text, start, end)
        if content is None:
            continue
        body = _content_text(text, content, None)
        if not body:
            continue
        claim = Claim(
            id=stable_id("clm", article.id, str(content[0]), str(content[1]), "more"),
            speaker=last.speaker or "",
            text=body,
            verb=last.verb,
            story_id=article.story_id,
            stance=last.stance,
            sources=[Evidence(article.id, text[start:end].strip(), start, end)],
            content_span=list(content),
        )
        span = doc.char_span(content[0], content[1], alignment_mode="expand")
        found.append(fill_structure(claim, span, affiliation=last.affiliation))
        spans.append((start, end))
        quoted.append(
            Attribution(last.cue, content, last.verb, last.stance, last.source, last.speaker,
                        evidence=(start, end), affiliation=last.affiliation)
        )  # fmt: skip
    return found


def _opens_quote(text: str, start: int) -> bool:
    """The content is a quotation: a quote mark at or just before its first character."""
    return any(char in _QUOTE_CHARS for char in text[max(0, start - 1) : start + 1])


def _as_attribution(claim: Claim) -> Attribution:
    source = claim.sources[0]
    span = (source.start, source.end)
    return Attribution(span, span, claim.verb, claim.stance or "assert", evidence=span)


def _own_account_claims(article: Article, doc: Doc, attributions: list[Attribution]) -> list[Claim]:
    """Tolls the outlet states itself, in sentences that attribute nothing to anyone."""
    speaker = outlet_name(article)
    claimed = [attribution.evidence for attribution in attributions]
    found: list[Claim] = []
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        while end > start and doc.text[end - 1].isspace():
            end -= 1
        if any(a < end and start < b for a, b in claimed):
            continue
        text = _content_text(doc.text, (start, end), None)
        if not text or not read_tolls(text):
            continue
        claim = Claim(
            id=stable_id("clm", article.id, str(start), str(end), "own"),
            speaker=speaker,
            text=text,
            verb="reports",
            story_id=article.story_id,
            stance="assert",
            sources=[Evidence(article.id, doc.text[start:end].strip(), start, end)],
            content_span=[start, end],
            attributed=False,
        )
        found.append(fill_structure(claim, sentence))
    return found


def outlet_name(article: Article) -> str:
    """Who speaks when the article speaks: its publisher, else its web site, else the article
    itself (the claim is then told apart from other articles' by its source, not its name)."""
    if article.publisher:
        return article.publisher
    if article.url:
        host = re.sub(r"^www\.", "", re.sub(r"^[a-z]+://", "", article.url).split("/")[0])
        if host:
            return host
    return OWN_ACCOUNT_SPEAKER


def extract_attributions(
    doc: Doc, *, canonical_speaker: CanonicalSpeaker | None = None
) -> list[Attribution]:
    """Every attribution found in ``doc``, in text order, with speakers resolved."""
    quotes = find_quotes(doc.text)
    history: list[NamedSpeaker] = []
    found: list[Attribution] = []
    sentences = list(doc.sents)
    for index, sentence in enumerate(sentences):
        for token in sentence:
            if _is_according(token):
                attributions = _according_to(token, sentence)
            elif token.lemma_.lower() in REPORTING_VERBS and token.pos_ in ("VERB", "AUX"):
                attributions = _verb_attributions(token, sentence, quotes)
            else:
                continue
            for attribution in attributions:
                resolve_speaker(attribution, doc, history, canonical_speaker)
                following = sentences[index + 1] if index + 1 < len(sentences) else None
                attribution.content = _unsplit(doc.text, attribution.content, sentence, following)
                attribution.evidence = _evidence_span(doc, sentence, attribution)
                attribution.content_text = _content_text(
                    doc.text, attribution.content, attribution.frame
                )
                found.append(attribution)
    return found


def _unsplit(
    text: str, content: tuple[int, int], sentence: Span, following: Span | None
) -> tuple[int, int]:
    """A content cut short by a wrong sentence break ("said Su-34 | and Su-24M jets had
    flown..."): the sentence has no closing mark and the next one goes on in lower case."""
    if following is None or content[1] < sentence.end_char - 1:
        return content
    if text[sentence.start_char : sentence.end_char].rstrip()[-1:] in ".!?\"\u201d\u2019:'":
        return content
    if (
        not following.text[:1].islower()
        or "\n" in text[sentence.end_char - 1 : following.start_char]
    ):
        return content
    end = following.end_char
    while end > content[0] and text[end - 1] in _TRIM_CHARS + ".!?":
        end -= 1
    return content[0], end


# --- cues -------------------------------------------------------------------------------------


def _verb_attributions(verb: Token, sentence: Span, quotes: list[Quote]) -> list[Attribution]:
    if verb.dep_ in ("amod", "compound", "acl", "relcl") and verb.tag_ != "VBG":
        return []
    if verb.dep_ == "auxpass" or any(child.dep_ == "auxpass" for child in verb.children):
        return []  # "it was reported that": no speaker in the clause
    if quote_containing(quotes, verb.idx) is not None:
        return []  # speech reported inside a quotation belongs to the quoted speaker
    subject = _subject_of(verb)
    if subject is not None and _is_dateline(subject):
        subject = next((child for child in subject.children if child.dep_ == "appos"), None)
    if subject is None:
        return []
    lemma = verb.lemma_.lower()
    if lemma == "put":
        return _estimate(verb, subject)
    stance = REPORTING_VERBS[lemma]
    if any(child.dep_ == "neg" for child in verb.children) and stance == "assert":
        stance = "deny"  # "did not say", "never claimed"... a rare but real denial
    source = phrase_span(subject)
    cue = (verb.idx, verb.idx + len(verb.text))
    frame_start, frame_end = _frame(verb, subject)

    results: list[Attribution] = []
    has_clause = any(  # a clause of its own, outside any quotation
        child.dep_ in _COMPLEMENTS and quote_containing(quotes, child.idx) is None
        for child in verb.children
    )
    adjacent = _adjacent_quotes(sentence.doc.text, quotes, frame_start, frame_end, has_clause)
    for content in adjacent:
        results.append(Attribution(cue, content, lemma, stance, source))
        results[-1].frame = (frame_start, frame_end)
    if results:
        return results
    content = _complement_span(verb, lemma)
    if (
        content is None
        and verb.dep_ in ("parataxis", "advcl", "conj", "ccomp")
        and (verb.tag_ != "VBG")
    ):
        content = _rest_of_sentence(sentence, frame_start, frame_end)
    if content is None and lemma not in CLAUSE_ONLY_VERBS and verb.dep_ == "ROOT":
        content = _rest_of_sentence(sentence, frame_start, frame_end)
    if content is None:
        return []
    attribution = Attribution(cue, content, lemma, stance, source)
    attribution.frame = (frame_start, frame_end)
    return [attribution]


def _subject_of(verb: Token) -> Token | None:
    """The verb's own subject, or the one it shares with the clause it hangs off."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in _SUBJECTS:
                return child
        if current.dep_ in ("conj", "xcomp") or (
            current.dep_ in ("advcl", "acl") and current.tag_ == "VBG"
        ):
            current = current.head
            continue
        return None
    return None


def _estimate(verb: Token, subject: Token) -> list[Attribution]:
    """ "Police put the march at roughly 30,000": an estimate, the figure its content."""
    objects = [child for child in verb.children if child.dep_ == "dobj"]
    at = [
        child
        for child in verb.children
        if child.dep_ == "prep"
        and child.lower_ == "at"
        and any(token.like_num for token in child.subtree)
    ]
    if not objects or not at:
        return []
    start = _subtree_span(objects[0])[0]
    end = _subtree_span(at[0])[1]
    cue = (verb.idx, verb.idx + len(verb.text))
    attribution = Attribution(cue, (start, end), "put", "assert", phrase_span(subject))
    attribution.frame = (min(t.idx for t in subject.subtree), cue[1])
    return [attribution]


def _is_dateline(subject: Token) -> bool:
    """'PARIS — ...', 'EL OBEID, Sudan (Reuters) -': a place in capitals opening a paragraph,
    the dateline the wire put there, never the one who speaks."""
    tokens = list(subject.subtree)
    first = tokens[0]
    start = first.idx
    text = subject.doc.text
    if start > 0 and text[start - 1] != "\n":
        return False
    words = []
    for token in tokens:
        if token.dep_ == "appos" or token.is_punct:
            break
        words.append(token)
    if not words or not all(token.text.isupper() and token.is_alpha for token in words):
        return False
    after = text[words[-1].idx + len(words[-1].text) :].lstrip()
    return after[:1] in ("\u2014", "\u2013", "-", ",", "(")


def _frame(verb: Token, subject: Token) -> tuple[int, int]:
    """Character extent of the speaker-and-verb clause, without its content."""
    tokens = [verb, *subject.subtree]
    for child in verb.children:
        if child.dep_ in (
            "aux",
            "neg",
            "advmod",
            "prep",
            "npadvmod",
            "dobj",
            "dative",
            "prt",
            "agent",
            "nsubj",
        ):
            if child.dep_ == "dobj" and verb.lemma_.lower() in OBJECT_CONTENT_VERBS:
                continue
            if child.dep_ == "dobj" and verb.lemma_.lower() in NO_OBJECT_VERBS:
                continue
            tokens.extend(child.subtree)
    start = min(token.idx for token in tokens)
    end = max(token.idx + len(token.text) for token in tokens)
    return start, end


def _adjacent_quotes(
    text: str, quotes: list[Quote], frame_start: int, frame_end: int, has_clause: bool
) -> list[tuple[int, int]]:
    """Quotes that end just before the speaker clause or open just after it.

    A quote before the clause is its content only in the same paragraph and when the verb has
    no clause of its own: in '"...!" Officials said that the toll stood at 20', the quote is
    someone else's."""
    found: list[tuple[int, int]] = []
    for quote in quotes:
        gap = text[quote.end : frame_start]
        before = (
            not has_clause
            and quote.end <= frame_start
            and "\n" not in gap
            and _GAP_BEFORE_CUE.match(gap)
        )
        after = quote.start >= frame_end and _GAP_AFTER_CUE.match(text[frame_end : quote.start])
        if before or after:
            found.append((quote.start, quote.end))
    return found[:2]


def _complement_span(verb: Token, lemma: str) -> tuple[int, int] | None:
    for child in verb.children:
        if child.dep_ in _COMPLEMENTS:
            start, end = _subtree_span(child)
            stray = _stray_subject(verb, lemma, child)
            return (min(start, _subtree_span(stray)[0]), end) if stray is not None else (start, end)
    if lemma in OBJECT_CONTENT_VERBS:
        objects = [child for child in verb.children if child.dep_ == "dobj"]
        if objects:
            start, end = _subtree_span(objects[0])
            # "accused Washington of lying": the charge follows the object
            for child in verb.children:
                if (
                    child.dep_ == "prep"
                    and child.i > objects[0].i
                    and child.lower_ in ("of", "for", "over")
                ):
                    end = max(end, _subtree_span(child)[1])
            return start, end
        for child in verb.children:
            if (
                child.dep_ == "prep"
                and child.lower_ in ("of", "for")
                and lemma in ("accuse", "blame", "charge")
            ):
                return _subtree_span(child)
    return None


def _stray_subject(verb: Token, lemma: str, clause: Token) -> Token | None:
    """'said 36 civilians, among them children, were killed': the parser hangs the clause's
    subject on the verb as its object. A verb of saying takes no object, so it is the clause's."""
    if lemma not in NO_OBJECT_VERBS:
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and verb.i < child.i < clause.i:
            return child
    return None


def _rest_of_sentence(sentence: Span, frame_start: int, frame_end: int) -> tuple[int, int] | None:
    """The sentence minus the parenthetical speaker clause, as one outer span."""
    text = sentence.doc.text
    start, end = sentence.start_char, sentence.end_char
    left = text[start:frame_start].strip(_TRIM_CHARS + _QUOTE_CHARS)
    right = text[frame_end:end].strip(_TRIM_CHARS + ".!?" + _QUOTE_CHARS)
    if not left and not right:
        return None
    if len(right.split()) < 2 and left:
        return _trimmed(text, start, frame_start)
    if len(left.split()) < 2 and right:
        return _trimmed(text, frame_end, end)
    return _trimmed(text, start, end)


def _is_according(token: Token) -> bool:
    return token.lower_ == "according" and any(child.lower_ == "to" for child in token.children)


def _according_to(token: Token, sentence: Span) -> list[Attribution]:
    to = next(child for child in token.children if child.lower_ == "to")
    objects = [child for child in to.children if child.dep_ == "pobj"]
    if not objects:
        return []
    source = phrase_span(objects[0])
    phrase_start = token.idx
    phrase_end = max(t.idx + len(t.text) for t in objects[0].subtree)
    content = _rest_of_sentence(sentence, phrase_start, phrase_end)
    if content is None:
        return []
    cue = (token.idx, to.idx + len(to.text))
    attribution = Attribution(cue, content, "according to", "assert", source)
    attribution.frame = (phrase_start, phrase_end)
    return [attribution]


# --- spans ------------------------------------------------------------------------------------


def _subtree_span(token: Token) -> tuple[int, int]:
    tokens = list(token.subtree)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    return (start, end) if end > start else None


def _content_text(text: str, span: tuple[int, int], frame: tuple[int, int] | None) -> str:
    """The claim in plain words: no quote marks, no leading "that", no parenthetical frame."""
    start, end = span
    if frame is not None and start < frame[0] and frame[1] < end:
        content = (
            text[start : frame[0]].rstrip(_TRIM_CHARS)
            + " "
            + text[frame[1] : end].lstrip(_TRIM_CHARS)
        )
    else:
        content = text[start:end]
    content = content.strip().strip(_QUOTE_CHARS).strip(_TRIM_CHARS)
    content = _DATELINE.sub("", content)
    content = re.sub(r"^that\s+", "", content)
    return content.rstrip(",;:.").strip()


def _evidence_span(doc: Doc, sentence: Span, attribution: Attribution) -> tuple[int, int]:
    """From the start of the sentence that opens the content to the end of the cue's one."""
    start = min(sentence.start_char, attribution.content[0])
    end = max(sentence.end_char, attribution.content[1])
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(end - 1, end, alignment_mode="expand")
    if first is not None:
        start = min(start, first[0].sent.start_char)
    if last is not None:
        end = max(end, last[-1].sent.end_char)
    text = doc.text
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
