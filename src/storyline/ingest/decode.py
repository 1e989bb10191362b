"""Bytes to text without assuming UTF-8.

Scraped news arrives in every encoding a CMS ever used. A wrong guess turns "Ma'arrat" into
mojibake that later stages cannot match, so we decide from evidence: byte-order marks first,
then strict UTF-8, then a declared charset (HTML ``<meta>``, HTTP header), then
charset-normalizer's statistical guess, with cp1252 as the last resort because it decodes any
byte sequence the way Western European scrapes most often intend.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
# Single-byte Latin code pages that statistical detection confuses with cp1252 on short texts.
LATIN_LOOKALIKES = frozenset(
    {
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "latin_1",
        "iso8859_2",
        "iso8859_9",
        "iso8859_15",
        "iso8859_13",
        "iso8859_4",
        "iso8859_10",
        "mac_roman",
        "mac_latin2",
        "cp850",
        "cp437",
    }
)
# Control characters that never occur in real text (NUL, and C0 codes other than \t \n \r \f).
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class NotText(ValueError):
    """The bytes are not text in any encoding we can tell (a binary file, say)."""


# A multi-byte UTF-8 sequence (lead byte, then continuation bytes).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Lines that are valid UTF-8 make a file mixed only with this many multi-byte sequences in
# them: one chance pair of cp1252 letters ("Ã©") is not evidence of a second encoding.
MIXED_MIN_SEQUENCES = 2


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    # Lines in UTF-8 sat beside lines in this other encoding; each line was read in its own.
    mixed_with: str | None = None


def decode_bytes(data: bytes, *, declared: str | None = None, html: bool = False) -> Decoded:
    """Decode ``data``; raise ``NotText`` when it is binary rather than text."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding.replace("-sig", ""), errors="replace")
            return _checked(Decoded(text, encoding.replace("-le", "").replace("-be", "")))
    if _looks_utf16_without_bom(data):
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return _checked(Decoded(data.decode(encoding, errors="replace"), "utf-16"))
    if b"\x00" in data[:4096]:
        raise NotText("contains NUL bytes: a binary file, not text")
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data, declared=declared, html=html)
    if mixed is not None:
        return _checked(mixed)
    candidates = [declared] if declared else []
    if html:
        match = _META_CHARSET.search(data[:8192])
        if match:
            candidates.append(match.group(1).decode("ascii", errors="ignore"))
    for name in candidates:
        encoding = _known_encoding(name)
        if encoding and encoding != "utf-8":
            try:
                return _checked(Decoded(data.decode(encoding), encoding))
            except UnicodeDecodeError:
                continue
    if _mostly_western(data):
        try:
            return _checked(Decoded(data.decode("cp1252"), "cp1252"))
        except UnicodeDecodeError:
            pass
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding and best.encoding not in LATIN_LOOKALIKES:
        return _checked(Decoded(data.decode(best.encoding, errors="replace"), best.encoding))
    # Short Western texts fit several Latin code pages equally well; cp1252 is by far the most
    # common legacy encoding of English and Western European news, so it wins those ties.
    return _checked(Decoded(data.decode("cp1252", errors="replace"), "cp1252"))


def _decode_mixed(data: bytes, *, declared: str | None, html: bool) -> Decoded | None:
    """Lines in UTF-8 beside lines in another encoding (the file is not UTF-8 as a whole).

    Concatenated or pasted scrapes do this; reading the whole as cp1252 would turn every UTF-8
    letter into mojibake, so each line is read in its own encoding and the result says so.
    A whole line of a single-byte or CJK encoding is almost never valid UTF-8 by chance.
    """
    lines = data.split(b"\n")
    utf8: set[int] = set()
    other: list[int] = []
    sequences = 0
    for number, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(number)
            continue
        utf8.add(number)
        sequences += len(_UTF8_SEQUENCE.findall(line))
    if not other or sequences < MIXED_MIN_SEQUENCES:
        return None
    rest = decode_bytes(b"\n".join(lines[i] for i in other), declared=declared, html=html)
    others = set(other)
    texts = [
        line.decode(rest.encoding, errors="replace") if number in others else line.decode("utf-8")
        for number, line in enumerate(lines)
    ]
    return Decoded("\n".join(texts), "utf-8", mixed_with=rest.encoding)


def _mostly_western(data: bytes) -> bool:
    """ASCII letters with sparse high bytes: Western text with accents and curly quotes.

    Cyrillic, Greek or Arabic code pages put nearly every letter above 0x7F; statistical
    detectors misjudge short Western snippets as one of those (or as DOS code pages), so the
    byte ratio settles it first.
    """
    sample = data[:100_000]
    high = sum(1 for byte in sample if byte >= 0x80)
    ascii_letters = sum(1 for byte in sample if 0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A)
    return high > 0 and high < 0.25 * ascii_letters


def _looks_utf16_without_bom(data: bytes) -> bool:
    sample = data[:2000]
    if len(sample) < 8:
        return False
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) / 2
    return max(even_zeros, odd_zeros) > 0.4 * half and min(even_zeros, odd_zeros) < 0.05 * half


def _known_encoding(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def _checked(decoded: Decoded) -> Decoded:
    sample = decoded.text[:20_000]
    if sample and len(_BINARY_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise NotText("mostly control characters: a binary file, not text")
    return decoded


@dataclass(frozen=True, slots=True)
class Gunzipped:
    data: bytes
    truncated: bool


class TooLarge(ValueError):
    """The decompressed content is over the size limit (a decompression bomb, say)."""


# Inflate this much at a time, so a bomb is stopped at the limit, not after it has filled memory.
_INFLATE_STEP = 1 << 20


def gunzip(data: bytes, *, max_bytes: int | None = None) -> Gunzipped:
    """Decompress every gzip member; keep what decodes when the file was cut short.

    WARC files are usually one gzip member per record, so a truncated file still holds whole
    records before the cut, and the caller decides what to keep. The output is inflated as a
    stream and ``TooLarge`` is raised as soon as it passes ``max_bytes``: the size limit applies
    to what a file holds, not to how well it compresses.
    """
    out = bytearray()
    rest = data
    while rest:
        member_start = len(out)
        decompressor = zlib.decompressobj(wbits=31)
        pending = rest
        try:
            while not decompressor.eof:
                piece = decompressor.decompress(pending, _INFLATE_STEP)
                pending = decompressor.unconsumed_tail
                out += piece
                if max_bytes is not None and len(out) > max_bytes:
                    raise TooLarge(
                        f"inflates to over {max_bytes / 1_048_576:.1f} MB "
                        "(raise the limit with --max-size-mb)"
                    )
                if not piece and not pending:
                    break  # input used up before the member's end: cut short
        except zlib.error:
            if member_start == 0:
                raise
            # Trailing garbage after complete members: a damaged file, report it as truncated.
            del out[member_start:]
            return Gunzipped(bytes(out), truncated=True)
        if not decompressor.eof:
            return Gunzipped(bytes(out), truncated=True)
        rest = decompressor.unused_data.lstrip(b"\x00")
    return Gunzipped(bytes(out), truncated=False)


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


__all__ = ["Decoded", "Gunzipped", "NotText", "TooLarge", "decode_bytes", "gunzip", "is_gzip"]
