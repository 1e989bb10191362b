"""Name folding, so transliterations of one place meet on one key.

News spells Arabic, Persian and Cyrillic names a dozen ways (Deir ez-Zor, Dayr az Zawr, Deir
Ezzor; Ma'arrat al-Nu'man, Maaret al-Numan). Three keys of increasing looseness are used: a
*plain* key (case, diacritics, apostrophes, punctuation), a *loose* key (Arabic articles dropped,
assimilated articles like "Ezzor" unglued, doubled letters folded) and a *skeleton* key
(consonants only after each word's first letter), which is only trusted for long names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Arabic definite article and its sun-letter assimilations, plus common transcriptions.
ARTICLES = frozenset(
    {
        "al",
        "el",
        "il",
        "ul",
        "ash",
        "esh",
        "ech",
        "as",
        "es",
        "ad",
        "ed",
        "adh",
        "ar",
        "er",
        "az",
        "ez",
        "at",
        "et",
        "ath",
        "an",
        "en",
        "aj",
    }
)
_APOSTROPHES = "'’‘`´ʿʾʻʼ′"
_DROP = str.maketrans({ch: None for ch in _APOSTROPHES + "\u00ad"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"([a-z])\1+")
# "Ezzor", "Arraqqa", "Assuwayda": an article glued onto a sun letter it assimilated to.
_GLUED_ARTICLE = re.compile(r"^[ae]([tdrzsn])\1(?=[a-z]{2})")
# Anything outside ASCII, Latin-1, Latin Extended, spacing modifiers and Latin Extended Additional
_NON_LATIN = re.compile(r"[^\x00-\u024f\u02b0-\u02ff\u1e00-\u1eff\u2018-\u201f]")
_FINAL_AH = re.compile(r"(?<=[a-z]{2})ah$")  # Raqqah / Raqqa, Hasakah / Hasaka
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}
_SKELETON_DROP = re.compile(r"[aeiouyhw]")
_LETTER_CLASSES = str.maketrans({"q": "k", "j": "g", "c": "k"})


def strip_diacritics(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)
def plain_key(name: str) -> str:
    """Lower-case ASCII words: 'Jisr ash-Shughur' -> 'jisr ash shughur'.

    Cached (like the word folds below): a text names the same places again and again, and the
    geoparser folds every candidate span several ways.
    """
    text = strip_diacritics(name.translate(_DROP)).lower()
    text = text.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("ß", "ss")
    words = _NON_WORD.sub(" ", text).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def loose_words(name: str, *, plain: str | None = None) -> list[str]:
    words = (plain if plain is not None else plain_key(name)).split()
    if len(words) > 1:
        kept = [word for word in words if word not in ARTICLES]
        words = kept or words
    return [_loose_word(word) for word in words]


@lru_cache(maxsize=1 << 16)
def _loose_word(word: str) -> str:
    return _FINAL_AH.sub("a", _DOUBLED.sub(r"\1", _GLUED_ARTICLE.sub(r"\1", word)))


def loose_key(name: str, *, plain: str | None = None) -> str:
    """Articles dropped, doubled letters folded: 'Deir Ezzor' and 'Deir ez-Zor' -> 'deir zor'."""
    return " ".join(loose_words(name, plain=plain))


def skeleton_key(name: str, *, plain: str | None = None) -> str:
    """Consonant skeleton: 'Maaret al-Numan' and "Ma'arrat an-Nu'man" -> 'mrt nmn'."""
    return " ".join(_skeleton_word(word) for word in loose_words(name, plain=plain))


@lru_cache(maxsize=1 << 16)
def _skeleton_word(word: str) -> str:
    word = word.translate(_LETTER_CLASSES)
    return _DOUBLED.sub(r"\1", word[0] + _SKELETON_DROP.sub("", word[1:]))


def is_latin_name(name: str) -> bool:
    """Only names written in Latin script can match English news text."""
    return bool(name.strip()) and not _NON_LATIN.search(name)
