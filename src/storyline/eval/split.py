"""The one fixed dev/test split of every benchmark (issue 12), chosen once and never changed.

Rules are tuned on ``dev`` only; a ``test`` figure is read once, when a change is finished, and
written down. Where a benchmark ships its own parts they are used as is (see each task's
module and docs/measurements.md); where it does not, items are split by ``hash_percent``: the
first eight bytes of the SHA-256 of the item's key (UTF-8), read big-endian, modulo 100. An
item is dev when that number is below the task's dev share. The hash and the keys must never
change, or items tuned on would cross into test.
"""

from __future__ import annotations

import hashlib

SPLITS = ("dev", "test")
DEFAULT_SPLIT = "test"


class NoSuchSplit(ValueError):
    """A task asked for a split it does not have (similarity has no test part)."""


def check_split(split: str, *, task: str = "", available: tuple[str, ...] = SPLITS) -> str:
    """``split`` itself, or one clear error naming what the task offers."""
    if split not in SPLITS:
        raise NoSuchSplit(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    if split not in available:
        name = task or "this task"
        raise NoSuchSplit(
            f"{name} has no {split} split (it has only: {', '.join(available)}); "
            f"run it with --split {available[0]}"
        )
    return split


def hash_percent(key: str) -> int:
    """A stable number in 0..99 for ``key``: SHA-256, first 8 bytes big-endian, mod 100."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100


def split_of(key: str, dev_percent: int) -> str:
    """``"dev"`` for about ``dev_percent`` % of keys, ``"test"`` for the rest, always the same."""
    return "dev" if hash_percent(key) < dev_percent else "test"
