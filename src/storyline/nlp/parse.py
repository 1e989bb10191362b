"""The NLP stage: article bodies through the one shared spaCy pipeline.

Only ``Article.text`` is parsed (the body, chrome already removed), so every token and sentence
offset indexes the article text exactly as it is stored and exported.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.model import Article, Evidence
from storyline.nlp.model import load_nlp

log = logging.getLogger(__name__)

# Below this many articles, starting worker processes costs more than it saves.
SMALL_RUN = 12
DEFAULT_BATCH_SIZE = 16


def default_processes(article_count: int) -> int:
    if article_count <= SMALL_RUN:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def parse_articles(
    articles: Iterable[Article],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int | None = None,
    nlp: Language | None = None,
) -> Iterator[tuple[Article, Doc]]:
    """Yield each article with its parsed body, in input order.

    ``n_process=None`` picks 1 process for a handful of articles and 2 otherwise. An article
    longer than the pipeline's ``max_length`` is skipped with a warning and flagged
    ``not-parsed`` (spaCy would need gigabytes for it; it is not a news article).
    """
    nlp = nlp or load_nlp()
    stream = iter(articles)
    head = list(islice(stream, SMALL_RUN + 1))
    processes = n_process if n_process is not None else default_processes(len(head))
    pending: deque[Article] = deque()

    def bodies() -> Iterator[str]:
        for article in chain(head, stream):
            if len(article.text) > nlp.max_length:
                log.warning("not parsed, %d characters: %s", len(article.text), article.input)
                article.add_flag("not-parsed")
                continue
            pending.append(article)
            yield article.text

    # nlp.pipe keeps input order, so each doc belongs to the oldest article not yet yielded.
    for doc in nlp.pipe(bodies(), batch_size=batch_size, n_process=processes):
        yield pending.popleft(), doc


# A text over the pipeline's max_length is parsed in pieces of at most this many characters,
# cut after a line break (else after a space): the parser's memory grows with the piece.
CHUNK_CHARS = 100_000


def parse_texts(
    nlp: Language, texts: Iterable[str], *, batch_size: int = DEFAULT_BATCH_SIZE
) -> list[Doc]:
    """One Doc per text, in order, whose ``doc.text`` equals the text exactly.

    A text longer than ``nlp.max_length`` (spaCy's E088) is parsed in pieces joined with
    ``Doc.from_docs``, so every token, sentence and entity offset still indexes the whole text.
    """
    texts = list(texts)
    docs: list[Doc | None] = [None] * len(texts)
    short = [i for i, text in enumerate(texts) if len(text) <= nlp.max_length]
    for index, doc in zip(
        short, nlp.pipe([texts[i] for i in short], batch_size=batch_size), strict=True
    ):
        docs[index] = doc
    for index, text in enumerate(texts):
        if docs[index] is None:
            limit = min(CHUNK_CHARS, nlp.max_length)
            pieces = list(nlp.pipe(text_chunks(text, limit), batch_size=1))
            docs[index] = Doc.from_docs(pieces, ensure_whitespace=False)
    return [doc for doc in docs if doc is not None]


def text_chunks(text: str, limit: int) -> list[str]:
    """Consecutive pieces of ``text`` of at most ``limit`` characters that join back to it,
    each ending at a line break where there is one, else at a space, else anywhere."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or limit
        if cut < limit // 2:  # a break too early would make many tiny pieces
            cut = window.rfind(" ") + 1 if window.rfind(" ") + 1 >= limit // 2 else limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def sentence_evidence(article_id: str, span: Span) -> Evidence:
    """Evidence for anything found in ``span``: its whole sentence and that sentence's offsets."""
    sentence = span.sent
    return Evidence(article_id, sentence.text, sentence.start_char, sentence.end_char)
