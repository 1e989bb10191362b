"""The NLP stage parses article bodies only, in order, with offsets that index Article.text."""

from __future__ import annotations

from storyline.model import Article
from storyline.nlp import parse_articles, sentence_evidence
from storyline.nlp.parse import SMALL_RUN, default_processes

BODY = (
    "Russian warplanes struck targets near Homs on Wednesday, the defence ministry said.\n\n"
    "Residents of Talbiseh   said at least a dozen people were killed — most of them civilians.\n"
    "A spokesman in Ankara called the raids “a grave mistake”."
)


def _article(index: int, text: str = BODY) -> Article:
    return Article(
        id=f"art_{index}",
        input=f"test:{index}",
        text=text,
        removed=["Share on Facebook", "Advertisement"],
    )


def test_doc_text_is_the_article_body_not_the_removed_chrome() -> None:
    [(article, doc)] = list(parse_articles([_article(0)]))
    assert doc.text == article.text
    assert "Advertisement" not in doc.text


def test_sentence_and_token_offsets_index_the_article_text() -> None:
    [(article, doc)] = list(parse_articles([_article(0)]))
    sentences = list(doc.sents)
    assert len(sentences) >= 3
    for sent in sentences:
        assert article.text[sent.start_char : sent.end_char] == sent.text
    for token in doc:
        assert article.text[token.idx : token.idx + len(token.text)] == token.text


def test_evidence_carries_the_whole_sentence_and_its_offsets() -> None:
    [(article, doc)] = list(parse_articles([_article(0)]))
    ankara = next(token for token in doc if token.text == "Ankara")
    evidence = sentence_evidence(article.id, doc[ankara.i : ankara.i + 1])
    assert evidence.article_id == "art_0"
    assert evidence.sentence.startswith("A spokesman in Ankara")
    assert article.text[evidence.start : evidence.end] == evidence.sentence


def test_two_processes_keep_every_article_paired_with_its_own_body() -> None:
    articles = [_article(i, f"Report number {i} from Idlib. " + BODY) for i in range(20)]
    pairs = list(parse_articles(articles, n_process=2, batch_size=3))
    assert [article.id for article, _ in pairs] == [a.id for a in articles]
    assert all(doc.text == article.text for article, doc in pairs)


def test_a_handful_of_articles_stays_in_one_process() -> None:
    assert default_processes(1) == 1
    assert default_processes(SMALL_RUN) == 1
    assert default_processes(SMALL_RUN + 1) == 2


def test_an_oversized_body_is_flagged_and_skipped_not_fatal() -> None:
    from storyline.nlp.model import load_nlp

    huge = _article(1, "word " * (load_nlp().max_length // 5 + 1))
    pairs = list(parse_articles([_article(0), huge]))
    assert [article.id for article, _ in pairs] == ["art_0"]
    assert "not-parsed" in huge.flags
