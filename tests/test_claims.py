"""Attributed claims: who said what, with the speaker resolved and offsets into the article."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from storyline.claims import extract_claims
from storyline.model import Article, Claim
from storyline.nlp.model import load_nlp


def claims_of(text: str, **kwargs: object) -> list[Claim]:
    article = Article(id="art_test", input="test.txt", text=text, story_id="sto_1")
    return extract_claims(article, load_nlp()(text), **kwargs)  # type: ignore[arg-type]


def only(claims: list[Claim], fragment: str) -> Claim:
    matching = [claim for claim in claims if fragment in claim.text]
    assert len(matching) == 1, [claim.text for claim in claims]
    return matching[0]


def test_quote_before_the_speaker() -> None:
    claims = claims_of("“The convoy was hit twice near the bridge,” Governor Ali Hassan said.")
    claim = only(claims, "convoy")
    assert claim.speaker == "Ali Hassan"
    assert claim.text == "The convoy was hit twice near the bridge"
    assert claim.verb == "say" and claim.stance == "assert"


def test_quote_after_the_speaker_with_a_colon() -> None:
    claims = claims_of("Maria Lopez said: “Nobody warned the village before the shelling.”")
    claim = only(claims, "Nobody warned")
    assert claim.speaker == "Maria Lopez"
    assert claim.text == "Nobody warned the village before the shelling"


def test_quote_over_several_sentences_is_one_claim() -> None:
    text = (
        "The mayor spoke after the funerals. “We buried eight people today. "
        "Two of them were children. We need a ceasefire,” Mayor Omar Haddad told reporters."
    )
    claims = claims_of(text)
    claim = only(claims, "We buried")
    assert claim.text.endswith("We need a ceasefire")
    assert claim.speaker == "Omar Haddad"
    evidence = claim.sources[0]
    assert text[evidence.start : evidence.end] == evidence.sentence
    assert evidence.sentence.startswith("“We buried eight people")
    assert evidence.sentence.endswith("told reporters.")


def test_he_said_resolves_to_the_last_named_speaker() -> None:
    text = (
        "Army spokesman Colonel James Okafor said the town had been retaken. "
        "The Red Cross said it could not yet reach the wounded. "
        "“The roads are mined,” he said."
    )
    claim = only(claims_of(text), "roads are mined")
    assert claim.speaker == "James Okafor"


def test_the_ministry_said_resolves_to_the_named_ministry() -> None:
    text = (
        "Ukraine's defence ministry said two drones were shot down overnight. "
        "Residents reported loud blasts. The ministry said a third drone hit a warehouse."
    )
    claim = only(claims_of(text), "third drone")
    assert claim.speaker == "Ukraine's defence ministry"


def test_indirect_speech_with_and_without_that() -> None:
    with_that = only(claims_of("Peter Novak said that the aid trucks had arrived."), "aid")
    without = only(claims_of("Peter Novak said the aid trucks had arrived."), "aid")
    told = only(claims_of("Peter Novak told reporters the aid trucks had arrived."), "aid")
    for claim in (with_that, without, told):
        assert claim.speaker == "Peter Novak"
        assert claim.text == "the aid trucks had arrived"
    assert told.verb == "tell"


def test_according_to_in_front_and_at_the_end() -> None:
    front = only(claims_of("According to the Red Crescent, 40 families fled the camp."), "fled")
    end = only(claims_of("Forty families fled the camp, according to the Red Crescent."), "fled")
    assert front.speaker == end.speaker == "Red Crescent"
    assert front.text == "40 families fled the camp"
    assert end.text == "Forty families fled the camp"
    assert front.verb == "according to"


@pytest.mark.parametrize(
    ("sentence", "verb", "stance"),
    [
        ("The Interior Ministry denied that police fired on the crowd.", "deny", "deny"),
        (
            "The Interior Ministry rejected reports that police fired on the crowd.",
            "reject",
            "deny",
        ),
        (
            "The Interior Ministry accused protesters of burning the police station.",
            "accuse",
            "accuse",
        ),
        ("The Interior Ministry confirmed that police fired on the crowd.", "confirm", "confirm"),
        ("The Interior Ministry claimed that protesters fired first.", "claim", "claim"),
        ("The Interior Ministry warned that the curfew would be enforced.", "warn", "assert"),
    ],
)
def test_stance_follows_the_verb(sentence: str, verb: str, stance: str) -> None:
    claims = claims_of(sentence)
    assert len(claims) == 1
    assert claims[0].verb == verb
    assert claims[0].stance == stance
    assert claims[0].speaker == "Interior Ministry"


def test_accusation_keeps_who_is_accused_in_the_content() -> None:
    claim = claims_of("The Interior Ministry accused protesters of burning the police station.")[0]
    assert claim.text == "protesters of burning the police station"


@pytest.mark.parametrize(
    "source",
    ["A Syrian security source", "A US defence official", "Activists", "Residents", "Witnesses"],
)
def test_generic_sources_are_kept_as_written(source: str) -> None:
    seen: list[str] = []

    def spy(span: Span) -> str | None:
        seen.append(span.text)
        return "SHOULD NOT BE USED"

    claims = claims_of(f"{source} said the checkpoint was abandoned.", canonical_speaker=spy)
    assert only(claims, "checkpoint").speaker == source
    assert seen == []


def test_named_speakers_go_through_the_canonicaliser() -> None:
    def knowledge_base(span: Span) -> str | None:
        return "Sergei Lavrov" if "Lavrov" in span.text else None

    claims = claims_of("Lavrov said the talks would resume.", canonical_speaker=knowledge_base)
    assert only(claims, "talks").speaker == "Sergei Lavrov"


def test_offsets_and_ids_are_exact_and_stable() -> None:
    text = (
        "Heavy rain slowed the evacuation.\n\n"
        "The strikes killed nine people, the civil defence service said on Monday. "
        "Local officials gave no figure."
    )
    first = claims_of(text)
    second = claims_of(text)
    assert [claim.id for claim in first] == [claim.id for claim in second]
    claim = only(first, "nine people")
    evidence = claim.sources[0]
    assert evidence.article_id == "art_test"
    assert evidence.sentence == (
        "The strikes killed nine people, the civil defence service said on Monday."
    )
    assert text[evidence.start : evidence.end] == evidence.sentence
    assert claim.story_id == "sto_1"


def test_a_parse_of_other_text_is_refused() -> None:
    article = Article(id="a", input="x", text="One text.")
    with pytest.raises(ValueError, match=r"parse of article\.text"):
        extract_claims(article, load_nlp()("Another text."))


def test_plain_narration_yields_no_claims() -> None:
    assert claims_of("Shells fell on the market at dawn and the bakery burned down.") == []
