"""Texts over spaCy's max_length (E088) are parsed in pieces, offsets kept, not failed."""

from __future__ import annotations

import pytest

from storyline.analysis import analyse_article, analyse_batch
from storyline.model import Article
from storyline.nlp.model import load_nlp
from storyline.nlp.parse import parse_texts, text_chunks

PARAGRAPH = (
    "Russian warplanes struck targets near Homs on Wednesday, the defence ministry said. "
    "Residents of Talbiseh said at least 12 people were killed in the raids.\n"
)


def test_chunks_join_back_to_the_text_and_respect_the_limit() -> None:
    text = PARAGRAPH * 40 + "x" * 700 + " tail"
    pieces = text_chunks(text, 500)
    assert "".join(pieces) == text
    assert all(len(piece) <= 500 for piece in pieces)
    assert all(piece.endswith("\n") for piece in pieces[:3])  # cut at line breaks first


def test_a_text_over_max_length_gives_one_doc_with_the_whole_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = load_nlp()
    monkeypatch.setattr(nlp, "max_length", 1000)
    long_text = PARAGRAPH * 30  # about 4,800 characters
    short, long_doc = parse_texts(nlp, [PARAGRAPH, long_text])
    assert short.text == PARAGRAPH
    assert long_doc.text == long_text
    last = [ent for ent in long_doc.ents if ent.text == "Talbiseh"][-1]
    assert long_text[last.start_char : last.end_char] == "Talbiseh"
    assert last.start_char > 4000
    assert len(list(long_doc.sents)) >= 50


def test_an_article_over_the_limit_is_analysed_not_failed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17: an article over 1M characters was stored but its whole analysis failed."""
    monkeypatch.setattr(load_nlp(), "max_length", 1000)
    article = Article(id="art_long", input="test:long", text=PARAGRAPH * 12, published="2015-10-01")
    for result in (analyse_article(article), analyse_batch([article], [None])[0]):
        assert result.problem is None
        assert result.events and result.places
        for place in result.places:
            assert article.text[place.start : place.end] == place.text
