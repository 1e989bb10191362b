"""Every actor gets one canonical name: aliases, metonyms, demonyms, monitors and people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.model import Article, stable_id
from storyline.nlp import (
    AliasBase,
    EntityMention,
    extract_entities,
    load_aliases,
    merge_entities,
    parse_articles,
)


@pytest.fixture(scope="module")
def kb() -> AliasBase:
    return load_aliases()


def _mentions(texts: list[str], kb: AliasBase) -> list[list[EntityMention]]:
    articles = [Article(id=f"art_{i}", input=f"test:{i}", text=t) for i, t in enumerate(texts)]
    return [extract_entities(article, doc, kb) for article, doc in parse_articles(articles)]


def _one(text: str, kb: AliasBase) -> list[EntityMention]:
    return _mentions([text], kb)[0]


def _names(mentions: list[EntityMention]) -> list[str]:
    return [m.name for m in mentions]


def _named(mentions: list[EntityMention], surface: str) -> EntityMention:
    return next(m for m in mentions if m.text == surface)


@pytest.mark.parametrize(
    "surface",
    ["ISIS", "ISIL", "Daesh", "Islamic State", "IS", "the Islamic State of Iraq and the Levant"],
)
def test_islamic_state_names_merge(surface: str, kb: AliasBase) -> None:
    mentions = _one(f"Fighters of {surface} withdrew from two villages east of Palmyra.", kb)
    assert "Islamic State" in _names(mentions)


def test_lower_case_is_never_the_islamic_state(kb: AliasBase) -> None:
    mentions = _one("The convoy is moving slowly and it is late.", kb)
    assert "Islamic State" not in _names(mentions)


@pytest.mark.parametrize(
    "surface",
    ["Jabhat al-Nusra", "the Nusra Front", "al-Nusra", "Jabhat Fateh al-Sham", "al Nusra Front"],
)
def test_nusra_renamings_are_one_group(surface: str, kb: AliasBase) -> None:
    mentions = _one(f"Rebels from {surface} shelled the town overnight.", kb)
    assert "Jabhat al-Nusra" in _names(mentions)


def test_hts_is_a_separate_successor_of_nusra(kb: AliasBase) -> None:
    mentions = _one("Hayat Tahrir al-Sham took the crossing; HTS now holds Idlib.", kb)
    assert _names(mentions).count("Hayat Tahrir al-Sham") == 2
    assert kb.entities["Hayat Tahrir al-Sham"].successor_of == "Jabhat al-Nusra"


def test_a_capital_that_speaks_is_its_state(kb: AliasBase) -> None:
    moscow = _named(_one("Moscow said the convoy had been hit by mortar fire.", kb), "Moscow")
    assert moscow.name == "Russia"
    assert "state-actor" in moscow.roles


def test_a_capital_where_something_happened_stays_a_place(kb: AliasBase) -> None:
    mentions = _one("Thousands joined a rally in Moscow on Sunday against the war.", kb)
    assert "Russia" not in _names(mentions)
    assert _named(mentions, "Moscow").roles == ("place",)


def test_strikes_on_a_capital_do_not_make_the_state_an_actor(kb: AliasBase) -> None:
    mentions = _one("Israeli strikes on Damascus wounded four soldiers.", kb)
    assert "Syria" not in _names(mentions)
    assert _named(mentions, "Damascus").name == "Damascus"


def test_possessive_capital_is_the_state(kb: AliasBase) -> None:
    mentions = _one("Washington's allies were not told about the raid.", kb)
    assert _named(mentions, "Washington").name == "United States"


def test_seats_of_government_act_for_their_state(kb: AliasBase) -> None:
    mentions = _one("The Kremlin denied the report, and the Pentagon declined to comment.", kb)
    assert _named(mentions, "Kremlin").name == "Russia"
    assert _named(mentions, "Pentagon").name == "United States"


def test_demonym_with_aircraft_is_the_state(kb: AliasBase) -> None:
    mentions = _one("Russian warplanes struck a market in the town of Ariha.", kb)
    planes = _named(mentions, "Russian")
    assert planes.name == "Russia"
    assert "state-actor" in planes.roles


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        (
            "The Syrian army recaptured the hill after a week.",
            "Syrian army",
            "Military Forces of Syria",
        ),
        (
            "Syrian government forces pushed into the valley.",
            "Syrian government forces",
            "Military Forces of Syria",
        ),
        ("Iraqi forces entered the old city at dawn.", "Iraqi forces", "Military Forces of Iraq"),
        (
            "Israeli troops raided the camp overnight.",
            "Israeli troops",
            "Military Forces of Israel",
        ),
    ],
)
def test_demonym_with_troops_is_the_military(
    text: str, surface: str, expected: str, kb: AliasBase
) -> None:
    mention = _named(_one(text, kb), surface)
    assert mention.name == expected
    assert mention.link == kb.entities[expected].part_of


def test_someone_elses_proxies_are_not_the_army(kb: AliasBase) -> None:
    mentions = _one("Russian-backed fighters and Syrian Democratic Forces clashed.", kb)
    assert "Military Forces of Russia" not in _names(mentions)
    assert "Military Forces of Syria" not in _names(mentions)
    assert "Syrian Democratic Forces" in _names(mentions)


def test_a_sponsor_is_marked_as_backer_not_as_the_actor(kb: AliasBase) -> None:
    iran = _named(_one("Iran-backed militias shelled the airport road.", kb), "Iran")
    assert iran.roles == ("backer",)


def test_a_demonym_before_a_title_is_not_an_actor(kb: AliasBase) -> None:
    mentions = _one("Russian President Vladimir Putin arrived in Tehran.", kb)
    assert _names(mentions)[0] == "Vladimir Putin"
    assert "Russia" not in _names(mentions)


@pytest.mark.parametrize(
    "text",
    [
        "The Russian defence ministry said 40 sorties were flown.",
        "Russia's defence ministry said 40 sorties were flown.",
        "The defence ministry in Moscow said 40 sorties were flown.",
    ],
)
def test_ministries_act_for_their_state(text: str, kb: AliasBase) -> None:
    ministry = next(m for m in _one(text, kb) if m.kind == "ministry")
    assert ministry.name == "Russian Ministry of Defence"
    assert ministry.link == "Russia"


def test_monitors_by_any_of_their_names(kb: AliasBase) -> None:
    mentions = _one(
        "The Syrian Observatory for Human Rights counted 12 dead. The Observatory said most "
        "were civilians, while the White Helmets pulled two children from the rubble.",
        kb,
    )
    assert _names(mentions).count("Syrian Observatory for Human Rights") == 2
    assert "Syria Civil Defence" in _names(mentions)


def test_surnames_resolve_to_the_full_name_earlier_in_the_article(kb: AliasBase) -> None:
    mentions = _one(
        "Sergei Lavrov met Kamal Haddad, a local mediator, in Geneva. Lavrov said the talks "
        "were useful. Mr Haddad said little.",
        kb,
    )
    assert _named(mentions, "Lavrov").name == "Sergei Lavrov"
    haddad = _named(mentions, "Haddad")
    assert haddad.name == "Kamal Haddad"
    assert haddad.type == "PERSON"


def test_the_observatory_head_by_surname(kb: AliasBase) -> None:
    mentions = _one("Rami Abdel Rahman heads the monitor. Mr Abdulrahman said 30 were killed.", kb)
    assert _names(mentions).count("Rami Abdulrahman") == 2


def test_surnames_do_not_resolve_across_articles(kb: AliasBase) -> None:
    first, second = _mentions(
        [
            "Kamal Haddad, a local mediator, spoke to reporters.",
            "Mr Haddad said the crossing was closed.",
        ],
        kb,
    )
    assert "Kamal Haddad" in _names(first)
    assert _named(second, "Haddad").name == "Haddad"


def test_unknown_names_stay_as_written_without_article_or_possessive(kb: AliasBase) -> None:
    mentions = _one("The Zarqa Brigade's commander rejected the truce.", kb)
    brigade = next(m for m in mentions if "Zarqa" in m.text)
    assert brigade.name == "Zarqa Brigade"
    assert brigade.text == "Zarqa Brigade"


def test_mention_offsets_index_the_article_text(kb: AliasBase) -> None:
    text = (
        "Hezbollah fighters and the Syrian army advanced, the Observatory said.\n\n"
        "Daesh, known as ISIS, lost  ground near Deir ez-Zor."
    )
    mentions = _one(text, kb)
    assert mentions
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


def test_user_alias_file_extends_and_overrides(tmp_path: Path) -> None:
    user_file = tmp_path / "aliases.json"
    user_file.write_text(
        json.dumps(
            {
                "entities": [
                    {
                        "name": "Tahrir Brigade",
                        "type": "ORG",
                        "kind": "armed-group",
                        "aliases": ["Liwa al-Tahrir", "the Brigade"],
                    },
                    {"name": "Islamic State", "type": "ORG", "aliases": ["the Organisation"]},
                    {"name": "Military Forces of Syria", "type": "ORG", "aliases": ["SNA"]},
                ]
            }
        ),
        encoding="utf-8",
    )
    kb = load_aliases(user_file)
    mentions = _one(
        "Liwa al-Tahrir fought ISIS, which locals call the Organisation, while "
        "the SNA shelled them.",
        kb,
    )
    assert "Tahrir Brigade" in _names(mentions)
    assert _names(mentions).count("Islamic State") == 2
    assert _named(mentions, "SNA").name == "Military Forces of Syria"


def test_merge_keeps_every_surface_form_across_articles(kb: AliasBase) -> None:
    per_article = _mentions(
        [
            "Moscow said the strikes hit ISIS.",
            "The Kremlin denied it; Daesh fighters fled.",
            "Russian jets bombed the Islamic State stronghold.",
        ],
        kb,
    )
    entities = merge_entities(m for mentions in per_article for m in mentions)
    by_name = {e.name: e for e in entities}
    assert {"Moscow", "Kremlin", "Russian"} <= set(by_name["Russia"].aliases)
    assert {"ISIS", "Daesh", "Islamic State"} <= set(by_name["Islamic State"].aliases)
    assert {m.article_id for m in by_name["Russia"].mentions} == {"art_0", "art_1", "art_2"}


def test_merge_is_deterministic_and_ids_are_stable(kb: AliasBase) -> None:
    per_article = _mentions(
        ["Moscow said the strikes hit ISIS.", "The Kremlin denied it; Daesh fighters fled."], kb
    )
    flat = [m for mentions in per_article for m in mentions]
    forward = merge_entities(flat)
    backward = merge_entities(reversed(flat))
    assert forward == backward
    russia = next(e for e in forward if e.name == "Russia")
    assert russia.id == stable_id("ent", "GPE", "Russia")
    assert [e.name for e in forward] == sorted(e.name for e in forward)
