"""Reported speech (who said what) from a dependency parse plus quotation marks.

Three shapes are recognised, each yielding a source span, a cue span and a content span:

- a reporting verb with a subject: the content is its clausal complement ("X said (that) ...",
  "X told reporters ..."), its object for verbs like deny/accuse ("denied the reports"), a
  quotation next to the verb (“...,” he said / X said: “...”), or, when the verb is a
  parenthetical ("The strikes, he added, were ..."), the rest of the sentence;
- "according to X", in front or at the end of its sentence;
- a participle hanging off a clause ("..., saying ..."), whose speaker is the clause's subject.

Pronouns and bare role nouns ("he", "the spokesman", "the ministry") are resolved to the
nearest preceding named speaker of a compatible kind; indefinite and plural sources
("a US official", "activists") are kept as written, since they name no one in particular.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.claims.lexicon import (
    CLAUSE_ONLY_VERBS,
    DETERMINERS_DROPPED,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    NO_OBJECT_VERBS,
    OBJECT_CONTENT_VERBS,
    ORG_BACK_REFERENCES,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    REPORTING_VERBS,
    STATEMENT_NOUNS,
)
from storyline.claims.quotes import Quote, find_quotes, quote_containing
from storyline.claims.structure import fill_structure
from storyline.claims.tolls import read_tolls
from storyline.model import Article, Claim, Evidence, stable_id

CanonicalSpeaker = Callable[[Span], "str | None"]

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
RESOLVE_WINDOW_CHARS = 3000  # how far back "he said" may look for its named speaker


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


@dataclass(slots=True)
class _NamedSpeaker:
    name: str
    kind: str
    mention: str
    offset: int


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
        claims.append(fill_structure(claim, content, context, attribution.frame))
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
        found.append(fill_structure(claim, span))
        spans.append((start, end))
        quoted.append(
            Attribution(last.cue, content, last.verb, last.stance, last.source, last.speaker,
                        evidence=(start, end))
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
    history: list[_NamedSpeaker] = []
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
                _resolve_speaker(attribution, doc, history, canonical_speaker)
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
    source = _phrase_span(subject)
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
    attribution = Attribution(cue, (start, end), "put", "assert", _phrase_span(subject))
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
    source = _phrase_span(objects[0])
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


def _phrase_span(head: Token) -> tuple[int, int]:
    """The noun phrase without trailing appositives, relative clauses or asides."""
    end_token = head
    for child in head.rights:
        if child.dep_ in ("appos", "relcl", "acl", "punct", "advcl", "cc", "conj"):
            break
        end_token = list(child.subtree)[-1]
    # an aside deeper down ("for Human Rights, which relies on ...") ends the name too
    for token in head.doc[head.i + 1 : end_token.i + 1]:
        if token.text == "," and token.i + 1 <= end_token.i:
            after = head.doc[token.i + 1]
            if after.dep_ in ("relcl", "appos") or after.head.dep_ == "relcl":
                end_token = token.nbor(-1)
                break
    start_token = head.left_edge
    if start_token.dep_ == "punct":
        start_token = start_token.nbor(1)
    return start_token.idx, end_token.idx + len(end_token.text)


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


# --- speakers ---------------------------------------------------------------------------------


def _resolve_speaker(
    attribution: Attribution,
    doc: Doc,
    history: list[_NamedSpeaker],
    canonical_speaker: CanonicalSpeaker | None,
) -> None:
    if attribution.source is None:
        return
    span = doc.char_span(*attribution.source, alignment_mode="expand")
    if span is None or len(span) == 0:
        return
    span = _named_part(span)
    head = span.root
    words = [token.lower_ for token in span]
    surface = span.text.strip()
    offset = span.start_char

    if head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS and len(span) == 1:
        kind = "PERSON" if head.lower_ in PERSON_PRONOUNS else "ORG"
        antecedent = _antecedent(history, kind, offset, None)
        if antecedent is None:
            antecedent = _entity_antecedent(doc, kind, offset)
        attribution.speaker = antecedent.name if antecedent else None
        attribution.speaker_kind = kind
        return
    if head.lower_ in FIRST_PERSON:
        return  # a first-person narrator is not someone the reader can be told about
    if span[0].lower_ == "its" and head.lemma_.lower() in ORG_NOUNS | PERSON_ROLE_NOUNS:
        owned = _owned_role(span, doc, offset)
        if owned:
            attribution.speaker = owned
            attribution.speaker_kind = "ORG" if head.lemma_.lower() in ORG_NOUNS else "PERSON"
            history.append(_NamedSpeaker(owned, attribution.speaker_kind, owned.lower(), offset))
            return
    if _is_bare_role(span):
        role = head.lemma_.lower()
        kind = "ORG" if role in ORG_NOUNS else "PERSON"
        antecedent = _antecedent(history, kind, offset, role)
        name = antecedent.name if antecedent else _owned_role(span, doc, offset)
        attribution.speaker = name or surface
        attribution.speaker_kind = kind
        attribution.generic = name is None
        if name and kind == "ORG":
            history.append(_NamedSpeaker(name, kind, f"{name} {surface}".lower(), offset))
        return
    if _is_generic(span, words):
        attribution.speaker = surface
        attribution.generic = True
        attribution.speaker_kind = "ORG" if head.lemma_.lower() in ORG_NOUNS else "PERSON"
        return
    kind = _named_kind(span)
    name = _canonical_of_head(span, canonical_speaker)
    attribution.speaker = name or _tidy_name(span)
    attribution.speaker_kind = kind
    history.append(_NamedSpeaker(attribution.speaker, kind, surface.lower(), offset))


def _named_part(span: Span) -> Span:
    """The part of a source phrase that names the speaker.

    "Its director, Rami Abdulrahman" is Rami Abdulrahman; "a spokesman for the Enough
    Project" and "a Defence Ministry statement" are the body they speak for.
    """
    head = span.root
    doc = span.doc
    for child in head.children:
        if child.dep_ == "appos" and (child.ent_type_ == "PERSON" or child.pos_ == "PROPN"):
            return _span_of(doc, child)
    lemma = head.lemma_.lower()
    if lemma in PERSON_ROLE_NOUNS | STATEMENT_NOUNS and span[0].lower_ in ("a", "an", "one"):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "from", "at"):
                objects = [grand for grand in child.children if grand.dep_ == "pobj"]
                if objects and any(t.pos_ == "PROPN" for t in objects[0].subtree):
                    start, end = _phrase_span(objects[0])
                    return doc.char_span(start, end, alignment_mode="expand") or span
    if lemma in STATEMENT_NOUNS:
        names = [token for token in span if token.pos_ == "PROPN" and token.i < head.i]
        if names:
            return doc[names[0].i : names[-1].i + 1]
    return span


def _span_of(doc: Doc, token: Token) -> Span:
    tokens = [token, *[t for t in token.subtree if t.i > token.i and t.pos_ == "PROPN"]]
    left = [t for t in token.lefts if t.pos_ == "PROPN" or t.dep_ == "compound"]
    start = min([t.i for t in left] + [token.i])
    end = max(t.i for t in tokens) + 1
    return doc[start:end]


def _canonical_of_head(span: Span, canonical_speaker: CanonicalSpeaker | None) -> str | None:
    """The entity the phrase's head belongs to: in "the Sudan Doctors Network" that is no
    entity at all (so the network keeps its name), never the "Sudan" inside it."""
    if canonical_speaker is None:
        return None
    head = span.root
    name = canonical_speaker(span.doc[head.i : head.i + 1])
    # "In Parliament the Communist Party": a mention run together across the phrase's start
    inner = [token for token in span if token.dep_ == "det" and token.i > span.start]
    lead = [t for t in span if inner and t.i < inner[0].i and t.pos_ in ("PROPN", "NOUN")]
    before = span.doc[span.start - 1].text if span.start > 0 else None
    if name and lead and name.startswith(lead[0].text):
        return None
    if name and before and name.startswith(f"{before} ") and name not in span.text:
        return None
    return name


def _owned_role(span: Span, doc: Doc, offset: int) -> str | None:
    """ "Its defence ministry" after "Russia has been bombing...": Russia's defence ministry."""
    if span[0].lower_ != "its":
        return None
    owner = _subject_before(span) or _entity_antecedent(doc, "ORG", offset)
    if owner is None:
        return None
    return f"{owner.name}'s {span[1:].text}"


def _subject_before(span: Span) -> _NamedSpeaker | None:
    """The named subject of the sentence before: in "Russia has been bombing targets in Syria.
    Its defence ministry said", "its" is Russia, not the nearer Syria."""
    sentence = span.sent
    if sentence.start == 0:
        return None
    previous = span.doc[sentence.start - 1].sent
    for token in previous:
        if token.dep_ == "nsubj" and token.head.dep_ == "ROOT" and token.ent_type_ in (
            "GPE", "ORG", "NORP"
        ):  # fmt: skip
            ents = [ent for ent in previous.ents if ent.start <= token.i < ent.end]
            name = ents[0].text if ents else token.text
            return _NamedSpeaker(name, "ORG", name.lower(), token.idx)
    return None


def _is_bare_role(span: Span) -> bool:
    """'the spokesman', 'the ministry': a definite role noun with no name of its own."""
    head = span.root
    plural_people = head.tag_ in ("NNS", "NNPS") and head.lemma_ not in ORG_NOUNS
    if head.pos_ != "NOUN" or plural_people:
        return False
    if head.lemma_.lower() not in PERSON_ROLE_NOUNS | ORG_NOUNS:
        return False
    first = span[0].lower_
    if first not in ("the", "this", "that", "his", "her", "its"):
        return False
    return not any(token.pos_ == "PROPN" or token.ent_type_ for token in span)


def _is_generic(span: Span, words: list[str]) -> bool:
    head = span.root
    has_name = any(token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "ORG") for token in span)
    if has_name and words[0] not in ("a", "an", "one", "some", "several"):
        return False
    if words[0] in ("a", "an", "one", "some", "several", "many", "two", "three", "other"):
        return True
    if head.tag_ in ("NNS",) and head.pos_ == "NOUN":
        return words[0] != "the" or head.lemma_.lower() not in ORG_NOUNS
    return (
        head.pos_ == "NOUN"
        and not any(token.pos_ == "PROPN" for token in span)
        and (words[0] not in ("the",))
    )


def _named_kind(span: Span) -> str:
    if span.root.ent_type_ == "PERSON":
        return "PERSON"  # "Sudan Armed Forces spokesman Sawarmi Khaled Saad" is a person
    labels = {token.ent_type_ for token in span if token.ent_type_}
    lowered = {token.lower_ for token in span}
    if lowered & ORG_NAME_WORDS or span.root.lemma_.lower() in ORG_NOUNS:
        return "ORG"
    if "PERSON" in labels:
        return "PERSON"
    # people's names take no article and rarely run past one word without a PERSON label;
    # the tagger often calls a lone surname ORG, so that case stays open
    if span[0].lower_ == "the" or ("ORG" in labels and len(span) > 1):
        return "ORG"
    if labels & {"GPE", "NORP"} and span.root.ent_type_ in ("GPE", "NORP"):
        return "ORG"
    return "ANY"


def _tidy_name(span: Span) -> str:
    """A readable speaker name when no knowledge base is wired in: the person's name if the
    phrase holds one ("Russian Foreign Minister Sergei Lavrov" -> "Sergei Lavrov"), else the
    phrase without its leading article or trailing possessive."""
    people = [ent for ent in span.ents if ent.label_ == "PERSON"]
    if people:
        return people[-1].text
    tokens = list(span)
    while tokens and tokens[0].lower_ in DETERMINERS_DROPPED:
        tokens = tokens[1:]
    while tokens and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]
    if not tokens:
        return span.text
    return span.doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def _compatible(kind: str, wanted: str) -> bool:
    return kind == wanted or "ANY" in (kind, wanted)


def _antecedent(
    history: list[_NamedSpeaker], kind: str, offset: int, role: str | None
) -> _NamedSpeaker | None:
    candidates = [
        speaker
        for speaker in reversed(history)
        if offset - speaker.offset <= RESOLVE_WINDOW_CHARS and _compatible(speaker.kind, kind)
    ]
    if role:
        for speaker in candidates:
            if role in speaker.mention:
                return speaker
    # a bare role noun with no antecedent naming that role is left unresolved, except for the
    # generic "official"-like nouns that a named person's earlier mention rarely repeats
    if role in ORG_BACK_REFERENCES:
        organisations = [speaker for speaker in candidates if speaker.kind in ("ORG", "ANY")]
        return organisations[0] if organisations else None
    if role and role not in ("spokesman", "spokeswoman", "spokesperson", "official"):
        return None
    return candidates[0] if candidates else None


def _entity_antecedent(doc: Doc, kind: str, offset: int) -> _NamedSpeaker | None:
    """Fallback for "he said" with no earlier speaker: the nearest preceding named entity."""
    wanted = ("PERSON",) if kind == "PERSON" else ("ORG", "GPE", "NORP")
    for ent in reversed(doc.ents):
        if ent.end_char > offset:
            continue
        if offset - ent.start_char > RESOLVE_WINDOW_CHARS:
            return None
        if ent.label_ in wanted:
            return _NamedSpeaker(ent.text, kind, ent.text.lower(), ent.start_char)
    return None
