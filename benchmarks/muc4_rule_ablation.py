"""Leave out each MUC-4 role-mapping rule in turn and score the rest on one split (issue 12).

The rules in ``storyline.eval.muc4`` were only ever run on test before the split existed; this
measures on dev what each one adds, so a rule fitted to test shows up as one that costs dev.
The extractor runs once; only the mapping from its events onto MUC-4 slots varies.

    PYTHONPATH=src python benchmarks/muc4_rule_ablation.py --data ../shared/data [--split dev]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from storyline.eval import muc4 as m
from storyline.events import taxonomy as tx

RoleOf = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class Found:
    """The parts of one extracted event the MUC-4 mapping reads."""

    event_type: str
    sub_event_type: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    sentences: tuple[str, ...]


def extract(texts: dict[str, str]) -> dict[str, list[Found]]:
    from storyline.events.extract import extract_events
    from storyline.model import Article
    from storyline.nlp.model import load_nlp

    nlp = load_nlp()
    ids = list(texts)
    found: dict[str, list[Found]] = {}
    for docid, doc in zip(ids, nlp.pipe([texts[i] for i in ids], batch_size=8), strict=True):
        events = extract_events(Article(id=docid, input=docid, text=texts[docid]), doc)
        found[docid] = [
            Found(
                e.event_type,
                e.sub_event_type,
                tuple(e.actors),
                tuple(e.targets),
                tuple(s.sentence for s in e.sources),
            )
            for e in events
        ]
    return found


def predict(
    events: dict[str, list[Found]],
    actor_role: RoleOf = m._role_of_actor,
    target_role: RoleOf = m._role_of_target,
    violent: Callable[[Found], bool] | None = None,
) -> dict[str, m.Extracts]:
    """``muc4.predict``'s mapping, with any one part swapped."""
    keep = violent or (lambda e: e.event_type in m.VIOLENT_TYPES or e.sub_event_type == tx.LOOTING)
    out: dict[str, m.Extracts] = {}
    for docid, found in events.items():
        names: dict[str, list[str]] = {role: [] for role in m.ROLES}
        for event in (e for e in found if keep(e)):
            for actor in event.actors:
                if (role := actor_role(actor)) is not None:
                    names[role].append(actor)
            for target in event.targets:
                if (role := target_role(target)) is not None:
                    names[role].append(target)
            for sentence in event.sentences:
                names["Weapon"].extend(x.group(0) for x in m.WEAPON.finditer(sentence))
        out[docid] = {
            role: [[n] for n in dict.fromkeys(m.normalise(n) for n in values) if n]
            for role, values in names.items()
        }
    return out


def _actor_without_name_fallback(name: str) -> str | None:
    text = name.lower()
    if m.PERSON_HEAD.search(text):
        return "PerpInd"
    return "PerpOrg" if m.ORGANISATION.search(text) else None


def _target_without_plural_rule(name: str) -> str | None:
    text = name.lower()
    if m.THING.search(text):
        return "Target"
    if m.ORGANISATION.search(text) and not m.PERSON_HEAD.search(text):
        return None
    return "Victim"


VARIANTS: dict[str, dict[str, object]] = {
    "all rules (as muc4.predict)": {},
    "without the lower-case person-name fallback (PerpInd)": {
        "actor_role": _actor_without_name_fallback
    },
    "without 'a bare plural is no victim'": {"target_role": _target_without_plural_rule},
    "riots not counted as violent": {
        "violent": lambda e: (
            e.event_type in m.VIOLENT_TYPES - {tx.RIOTS} or e.sub_event_type == tx.LOOTING
        )
    },
    "every event type": {"violent": lambda e: True},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    args = parser.parse_args()
    gold, texts = m.load_gold(args.data / m.SPLIT_FILES[args.split], None)
    events = extract(texts)
    print("variant\t" + "\t".join((*m.ROLES, "micro")))
    for name, options in VARIANTS.items():
        totals = m.score_documents(predict(events, **options), gold)  # type: ignore[arg-type]
        f1 = [m.prf(*totals[role])[2] for role in (*m.ROLES, "micro")]
        print(name + "\t" + "\t".join(f"{value:.4f}" for value in f1))


if __name__ == "__main__":
    main()
