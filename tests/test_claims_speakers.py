"""Speakers and whole statements: the failures issue 15 names, on invented text."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from storyline.claims import extract_attributions, extract_claims
from storyline.model import Article, Claim
from storyline.nlp.model import load_nlp


def claims_of(text: str, publisher: str | None = None, **kwargs: object) -> list[Claim]:
    article = Article(
        id="art_test", input="test.txt", text=text, story_id="sto_1", publisher=publisher
    )
    return extract_claims(article, load_nlp()(text), **kwargs)  # type: ignore[arg-type]


def attributed(claims: list[Claim]) -> list[Claim]:
    return [claim for claim in claims if claim.attributed]


def with_text(claims: list[Claim], fragment: str) -> Claim:
    matching = [claim for claim in claims if fragment in claim.text]
    assert len(matching) == 1, [(claim.speaker, claim.text) for claim in claims]
    return matching[0]


def test_a_dateline_is_never_the_speaker() -> None:
    # the parse as the tagger gets it wrong: the dateline as subject, the president its appos
    words = ["OSLO", "\u2014", "President", "Lena", "Berg", "told", "Putin", "that", "strikes",
             "must", "stop", "."]  # fmt: skip
    spaces = [True] * 10 + [False, False]
    heads = [5, 0, 4, 4, 0, 5, 5, 10, 10, 10, 5, 5]
    deps = ["nsubj", "punct", "compound", "compound", "appos", "ROOT", "dobj", "mark", "nsubj",
            "aux", "ccomp", "punct"]  # fmt: skip
    pos = ["PROPN", "PUNCT", "PROPN", "PROPN", "PROPN", "VERB", "PROPN", "SCONJ", "NOUN",
           "AUX", "VERB", "PUNCT"]  # fmt: skip
    lemmas = [w.lower() for w in words]
    lemmas[5] = "tell"
    doc = Doc(load_nlp().vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
              lemmas=lemmas, sent_starts=[True] + [False] * 11)  # fmt: skip
    doc.ents = [Span(doc, 3, 5, label="PERSON")]
    [attribution] = extract_attributions(doc)
    assert attribution.speaker == "Lena Berg"
    assert attribution.content_text == "strikes must stop"


def test_a_wire_dateline_is_not_part_of_the_claim() -> None:
    text = (
        "Rebels held the hills.\nDAMASCUS, May 3 (AFP) - Government warplanes struck rebel "
        "positions in the northern provinces of Aleppo and Raqqa on Tuesday, a monitoring group "
        "said."
    )
    claim = with_text(attributed(claims_of(text)), "warplanes struck")
    assert claim.text.startswith("Government warplanes struck")


def test_the_toll_before_an_aside_is_kept() -> None:
    text = (
        "Local medics said 14 civilians, among them two children, were killed when shells "
        "hit the market in Kafr Zita."
    )
    claim = with_text(attributed(claims_of(text)), "were killed")
    assert claim.text.startswith("14 civilians")
    assert [(toll.kind, toll.low, toll.high) for toll in claim.tolls] == [("killed", 14, 14)]


def test_a_wrong_sentence_break_does_not_cut_the_claim() -> None:
    text = (
        "Defence ministry spokesman Pavel Orlov said Su-34 and Su-24M jets had flown 18 "
        "sorties over the past day and destroyed a command post near Raqqa."
    )
    claim = with_text(attributed(claims_of(text)), "Su-34")
    assert "flown 18 sorties" in claim.text


def test_its_director_is_the_name_that_follows() -> None:
    text = (
        "The Kurdish Monitoring Centre has said 12 people died in the first raid. Its director, "
        "Karim Salih, said on Monday that the new raids had killed 20 fighters."
    )
    claim = with_text(attributed(claims_of(text)), "new raids")
    assert claim.speaker == "Karim Salih"


def test_the_monitor_is_the_organisation_named_before() -> None:
    text = (
        "In Syria, the Syrian Observatory for Human Rights said jets struck the town again on "
        "Friday. The monitor said at least 39 civilians had been killed since Wednesday."
    )
    claim = with_text(attributed(claims_of(text)), "39 civilians")
    assert claim.speaker == "Syrian Observatory for Human Rights"


def test_its_defence_ministry_belongs_to_the_state_named_before() -> None:
    text = (
        "Turkey has been shelling positions in Syria since Wednesday. Its defence "
        "ministry said on Monday that its guns had hit nine sites near Afrin."
    )
    claim = with_text(attributed(claims_of(text)), "nine sites")
    assert claim.speaker == "Turkey's defence ministry"  # the subject, not the nearer Syria


def test_an_organisation_keeps_its_own_name() -> None:
    text = "The Sudan Doctors Network said 21 people were killed in the shelling of the market."

    def canonical(span: Span) -> str | None:
        # an entity linker that knows only the state: it covers the word "Sudan"
        return "Sudan" if any(token.text == "Sudan" for token in span) else None

    claim = with_text(attributed(claims_of(text, canonical_speaker=canonical)), "21 people")
    assert claim.speaker == "Sudan Doctors Network"


def test_a_spokesman_for_a_body_speaks_for_it() -> None:
    text = (
        "A spokesman for the Enough Project, an activist group, said the group confirmed "
        "there were no dead or wounded. A Defence Ministry statement said two boats fled."
    )
    claims = attributed(claims_of(text))
    assert with_text(claims, "the group confirmed").speaker == "Enough Project"
    assert with_text(claims, "two boats").speaker == "Defence Ministry"


def test_he_is_the_person_in_the_denial_not_the_earlier_name() -> None:
    text = (
        "Mr Deng said the army must answer for the raid. However, army spokesman Omar Khaled "
        'Saad denied any role in the raid.\n"We did not bomb any camps," he told reporters.'
    )
    claim = with_text(attributed(claims_of(text)), "bomb any camps")
    assert claim.speaker == "Omar Khaled Saad"


def test_a_quote_in_another_paragraph_is_not_the_next_speakers() -> None:
    text = (
        'The minister wrote on his page on Sunday morning.\n\n"Thank you police and army. It is '
        'over!"\n\nOfficials said that the death toll stood at 20, with 42 wounded.'
    )
    claims = attributed(claims_of(text))
    assert all(not (claim.speaker == "Officials" and "Thank you" in claim.text) for claim in claims)
    officials = with_text(claims, "death toll stood at 20")
    assert [(toll.kind, toll.low) for toll in officials.tolls] == [("killed", 20), ("injured", 42)]


def test_an_estimate_put_at_a_figure_is_a_claim() -> None:
    claims = attributed(claims_of("Police put the march at roughly 30,000 people."))
    claim = with_text(claims, "30,000")
    assert claim.speaker == "Police"
    assert claim.tolls[0].kind == "crowd" and claim.tolls[0].low < 30000 < claim.tolls[0].high


def test_one_statement_said_and_added_is_one_claim() -> None:
    text = '"At least 33 fighters were killed," Rami Haddad said, adding: "Dozens were hurt."'
    claims = [claim for claim in attributed(claims_of(text)) if "33 fighters" in claim.text]
    assert len(claims) == 1


def test_the_outlets_own_toll_is_its_claim() -> None:
    text = "Eighty-nine people were arrested after the raid on the port. The port reopened."
    claims = claims_of(text, publisher="Harbour Times")
    own = [claim for claim in claims if not claim.attributed]
    assert len(own) == 1
    assert own[0].speaker == "Harbour Times" and own[0].verb == "reports"
    assert own[0].tolls and own[0].tolls[0].kind == "arrested"


def test_a_quote_going_on_in_the_next_paragraph_keeps_its_speaker() -> None:
    text = (
        'The camp was shelled on Tuesday.\n"As you can see, this was a terrible attack," '
        'Mr Lund said.\n"It has killed 40 people, and more may yet die.\nShells hit the road.'
    )
    claims = claims_of(text, publisher="Harbour Times")
    claim = with_text(claims, "killed 40 people")
    assert claim.speaker == "Lund" and claim.attributed


def test_records_from_before_the_typed_facts_still_load() -> None:
    from storyline.model import claim_from_record

    old = {"id": "clm_1", "speaker": "Ali", "text": "no one was hurt", "verb": "deny",
           "stance": "deny", "sources": []}  # fmt: skip
    loaded = claim_from_record(old)
    assert loaded.polarity == "denies" and loaded.tolls == [] and loaded.attributed
    again = claim_from_record(loaded.to_record())
    assert again == loaded


def test_a_relative_clause_is_not_part_of_the_speakers_name() -> None:
    text = (
        "Jets hit the town.\nThe Iraqi Observatory for Human Rights, which relies on a network "
        "of activists inside the country, has said at least 27 civilians died on the first day "
        "of strikes near Mosul."
    )
    claim = with_text(attributed(claims_of(text)), "27 civilians")
    assert claim.speaker == "Iraqi Observatory for Human Rights"


def test_an_aircraft_maker_is_no_perpetrator() -> None:
    text = "The ministry said Tupolev bombers and Russian jets hit depots near Aleppo."
    claim = with_text(attributed(claims_of(text)), "depots")
    assert all(item.actor != "Tupolev" for item in claim.responsibility)
