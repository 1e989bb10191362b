"""The summary shows a disputed point as disputed, with both sides, never as fact."""

from __future__ import annotations

from storyline.model import Article, Claim, Contradiction, Evidence
from storyline.stories.summary import summarize

FILLER = [
    "Residents of the district queued for bread at the only bakery still open on Monday.",
    "Aid agencies warned that fuel for hospital generators would run out within days.",
    "The United Nations envoy called for a pause in the fighting to let convoys through.",
    "Rebel commanders said they had pushed back an assault on the southern front line.",
]
ACTIVISTS = "Local activists said 36 civilians were killed when bombs fell on Talbiseh."
MONITOR = "The monitor said 27 civilians died in the strikes on Talbiseh."


def article(article_id: str, text: str) -> Article:
    return Article(id=article_id, input=f"{article_id}.txt", text=text, published="2015-10-01")


def claim(claim_id: str, speaker: str, text: str, article_id: str, sentence: str) -> Claim:
    return Claim(
        claim_id, speaker, text, "say", stance="assert",
        sources=[Evidence(article_id, sentence, 0, len(sentence))],
    )  # fmt: skip


def test_a_disputed_toll_is_marked_disputed_with_both_sides_once() -> None:
    articles = [
        article("a1", f"{ACTIVISTS} {FILLER[0]} {FILLER[1]}"),
        article("a2", f"{ACTIVISTS} {FILLER[2]}"),  # a copy
        article("a3", f"{MONITOR} {FILLER[3]}"),
    ]
    activists = [
        claim(f"c{i}", "Local activists", "36 civilians were killed", f"a{i}", ACTIVISTS)
        for i in (1, 2)
    ]
    monitor = claim("c3", "the Observatory", "27 civilians died", "a3", MONITOR)
    dispute = Contradiction(
        "x1", "Death toll of the attack on Talbiseh: 27 vs 36", [["c1", "c2"], ["c3"]],
        "numeric", "",
    )  # fmt: skip
    summary = summarize(articles, [*activists, monitor], [dispute])
    disputed = [s for s in summary if s.text.startswith("Disputed:")]
    assert disputed, [s.text for s in summary]
    assert all(s.text not in (ACTIVISTS, MONITOR) for s in summary)  # never stated as fact
    for sentence in disputed:
        assert "said 36 civilians were killed" in sentence.text
        assert "said 27 civilians died" in sentence.text
        assert sentence.text.count("Local activists said") == 1
