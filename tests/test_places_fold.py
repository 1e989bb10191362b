"""Transliteration folding: spellings of one Arabic place name must meet on one key."""

from __future__ import annotations

import pytest

from storyline.places.fold import is_latin_name, loose_key, plain_key, skeleton_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Raqqa", "Raqqah"),
        ("Raqqa", "Ar-Raqqah"),
        ("Deir ez-Zor", "Deir Ezzor"),
        ("Deir ez-Zor", "Deir al-Zor"),
        ("Jisr al-Shughur", "Jisr ash-Shughur"),
        ("Hasakah", "al-Hasaka"),
    ],
)
def test_loose_key_joins_article_and_doubling_variants(one: str, other: str) -> None:
    assert loose_key(one) == loose_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Maaret al-Numan", "Ma'arrat al-Nu'man"),
        ("Maaret al-Numan", "Ma‘arrat an-Nu‘mān"),
        ("Deir ez-Zor", "Dayr az Zawr"),
    ],
)
def test_skeleton_key_joins_vowel_variants(one: str, other: str) -> None:
    assert skeleton_key(one) == skeleton_key(other)


def test_plain_key_strips_case_diacritics_and_apostrophes() -> None:
    assert plain_key("Ma‘arrat an-Nu‘mān") == "maarrat an numan"
    assert plain_key("St. Louis") == "saint louis"


def test_distinct_names_stay_distinct() -> None:
    assert loose_key("Homs") != loose_key("Khums")
    assert loose_key("Zawiya") != loose_key("Jabal al-Zawiya")
    assert skeleton_key("Idlib") != skeleton_key("Aleppo")


def test_only_latin_script_names_count() -> None:
    assert is_latin_name("Şanlıurfa")
    assert not is_latin_name("حمص")
