"""The resolver's score as named features and weights, and the GeoVirus gold reader.

Sentences are written for these tests. The hand weights must keep giving the readings the rest
of the suite expects; other weights must be able to change a reading, since that is what the
feature vector is for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval.geocoding import read_geovirus
from storyline.places import distance_km, load_gazetteer, resolve_mentions
from storyline.places.resolver import (
    FEATURE_NAMES,
    HAND_WEIGHTS,
    _Context,
    _score,
    candidate_features,
    make_mention,
)

SYRIAN_NOTE = "Shelling hit Homs again on Sunday, a week after talks in Damascus broke down."


def _span(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


def test_every_feature_has_a_hand_weight() -> None:
    assert set(FEATURE_NAMES) == set(HAND_WEIGHTS)
    assert HAND_WEIGHTS["log_population"] > 0
    assert HAND_WEIGHTS["qualifier_mismatch"] < 0


def test_features_are_named_terms_of_the_score() -> None:
    gazetteer = load_gazetteer()
    text = "Flooding closed roads around Springfield, Ill., on Tuesday."
    mention = make_mention(gazetteer, text, *_span(text, "Springfield"))
    assert len(mention.candidates) > 1
    context = _Context()
    for candidate in mention.candidates:
        features = candidate_features(candidate, mention, context, mention.candidates)
        assert set(features) <= set(FEATURE_NAMES)
        expected = sum(HAND_WEIGHTS[name] * value for name, value in features.items())
        score = _score(candidate, mention, context, mention.candidates)
        assert score == pytest.approx(expected)
    illinois = [c for c in mention.candidates if (c.entry.admin1_code or "").startswith("US.IL")]
    assert illinois
    features = candidate_features(illinois[0], mention, context, mention.candidates)
    assert features.get("qualifier_admin1_match") == 1.0


def test_homs_in_a_syrian_note_is_the_syrian_city() -> None:
    homs, damascus = resolve_mentions(
        SYRIAN_NOTE, [_span(SYRIAN_NOTE, "Homs"), _span(SYRIAN_NOTE, "Damascus")]
    )
    assert homs is not None and damascus is not None
    assert homs.country_code == "SY"
    assert homs.feature == "city"
    assert distance_km(homs.lat, homs.lon, 34.73, 36.72) < 30


def test_other_weights_change_the_reading() -> None:
    # By size alone the governorate of Homs outweighs its city; the hand weights' rule that a
    # bare name shared by an area and its city means the city is what picks the city.
    spans = [_span(SYRIAN_NOTE, "Homs"), _span(SYRIAN_NOTE, "Damascus")]
    size_only = {name: 0.0 for name in FEATURE_NAMES} | {"log_population": 1.0}
    hand = resolve_mentions(SYRIAN_NOTE, spans, weights=dict(HAND_WEIGHTS))
    default = resolve_mentions(SYRIAN_NOTE, spans)
    assert [(p.geonames_id, p.score) for p in hand if p] == [
        (p.geonames_id, p.score) for p in default if p
    ]
    sized = resolve_mentions(SYRIAN_NOTE, spans, weights=size_only)[0]
    assert sized is not None and hand[0] is not None
    assert (sized.country_code, sized.feature) == ("SY", "admin1")
    assert hand[0].feature == "city"


def test_read_geovirus_takes_every_location(tmp_path: Path) -> None:
    text = "Health officers in Lagos traced the cases to a market near Ibadan."
    lagos, ibadan = _span(text, "Lagos"), _span(text, "Ibadan")
    path = tmp_path / "GeoVirus.xml"
    path.write_text(
        "<articles><article><source>https://news.example.org/outbreak</source>"
        f"<text>{text}</text><locations>"
        f"<location><name>Lagos</name><start>{lagos[0]}</start><end>{lagos[1]}</end>"
        "<lat>6.45</lat><lon>3.39</lon><page>x</page></location>"
        f"<location><name>Ibadan</name><start>{ibadan[0] + 2}</start><end>{ibadan[1] + 2}</end>"
        "<lat>7.38</lat><lon>3.9</lon><page>y</page></location>"
        "</locations></article></articles>",
        encoding="utf-8",
    )
    [article] = read_geovirus(path)
    assert article.publisher == "news.example.org"
    assert [(t.phrase, t.start, t.lat) for t in article.toponyms] == [
        ("Lagos", lagos[0], 6.45),
        ("Ibadan", ibadan[0], 7.38),  # offsets that miss the phrase are moved onto it
    ]
