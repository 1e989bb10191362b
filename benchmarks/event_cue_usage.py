"""Which CASE-2021 snippets each event-type cue matches, per split (issue 12).

Every alternative passed to ``words(...)`` in ``storyline/events/lexicon.py``, inside a constant
the classifier reads (``lx.NAME`` in ``storyline/events/classify.py``), is one cue. A cue matches
a snippet when ``\\b(?:cue)`` is found in the snippet as the classifier sees it (lower case, with
its masks applied). Cues that match exactly one test snippet and no dev snippet are listed as
``test-only-single``. For each of those the classifier is run on that snippet twice, with the
cue and with it made unmatchable: ``serves`` marks a cue whose removal turns that snippet from
its gold label to another one, i.e. a cue that only ever earns one test item. Those are the
cues issue 12 removes; the others match one test item by chance and change nothing there.

    PYTHONPATH=src python benchmarks/event_cue_usage.py --data ../shared/data [--all]

Reading the test part here is only to find such cues; it never scores anything.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from storyline.eval.event_types import read_snippets, snippet_split

# By module path: the package ``storyline.events`` re-exports a function named ``classify``.
classify_module = import_module("storyline.events.classify")
lexicon_module = import_module("storyline.events.lexicon")


@dataclass(slots=True)
class Cue:
    constant: str
    pattern: str
    line: int
    matches: dict[str, list[str]] = field(default_factory=lambda: {"dev": [], "test": []})

    @property
    def test_only_single(self) -> bool:
        return len(self.matches["test"]) == 1 and not self.matches["dev"]


def classifier_constants() -> set[str]:
    """Names of the lexicon constants ``classify.py`` reads (``lx.NAME``)."""
    source = Path(classify_module.__file__).read_text(encoding="utf-8")
    return set(re.findall(r"\blx\.([A-Z][A-Z_]+)\b", source))


def lexicon_cues(constants: set[str]) -> list[Cue]:
    """Each string alternative of a ``words(...)`` call inside one of ``constants``."""
    tree = ast.parse(Path(lexicon_module.__file__).read_text(encoding="utf-8"))
    cues: list[Cue] = []
    for node in tree.body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        if not isinstance(target, ast.Name) or target.id not in constants:
            continue
        for call in ast.walk(node.value):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "words"):
                continue
            for argument in call.args:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    cues.append(Cue(target.id, argument.value, argument.lineno))
    return cues


def match_cues(cues: list[Cue], rows: list[dict[str, str]]) -> None:
    texts = [(row["id"], snippet_split(row["EventSnippet"]), row) for row in rows]
    masked = {ident: classify_module._masked(row["EventSnippet"]) for ident, _, row in texts}
    for cue in cues:
        compiled = re.compile(r"\b(?:" + cue.pattern + r")")
        for ident, part, _ in texts:
            if compiled.search(masked[ident]):
                cue.matches[part].append(ident)


NEVER = 'r"(?!x)x"'  # a pattern that matches nothing, in place of the ablated cue


def classifier_without(cue: Cue) -> Callable[[str], object]:
    """``classify`` rebuilt from a lexicon whose ``cue`` alternative can never match."""
    source = Path(lexicon_module.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    node = next(
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and n.lineno == cue.line and n.value == cue.pattern
    )
    lines = source.splitlines(keepends=True)
    first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
    head, tail = lines[first][: node.col_offset], lines[last][node.end_col_offset or 0 :]
    lines[first : last + 1] = [head + NEVER + tail]
    lexicon = types.ModuleType("storyline.events.lexicon")
    exec(compile("".join(lines), lexicon_module.__file__, "exec"), lexicon.__dict__)
    package = sys.modules["storyline.events"]
    saved = sys.modules["storyline.events.lexicon"], package.lexicon  # type: ignore[attr-defined]
    try:
        sys.modules["storyline.events.lexicon"] = lexicon
        package.lexicon = lexicon  # type: ignore[attr-defined]
        classifier = types.ModuleType("storyline.events.classify")
        classify_source = Path(classify_module.__file__).read_text(encoding="utf-8")
        exec(compile(classify_source, classify_module.__file__, "exec"), classifier.__dict__)
    finally:
        sys.modules["storyline.events.lexicon"], package.lexicon = saved  # type: ignore[attr-defined]
    return classifier.classify  # type: ignore[no-any-return]


def serves(cue: Cue, sentences: list[str], gold: str) -> bool:
    """True when the snippet is typed right with the cue and wrong without it."""
    from storyline.eval import event_types

    with_cue = event_types.classify_snippet(sentences)
    original = event_types.classify
    try:
        event_types.classify = classifier_without(cue)  # type: ignore[assignment]
        without = event_types.classify_snippet(sentences)
    finally:
        event_types.classify = original
    return with_cue == gold and without != gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--all", action="store_true", help="list every cue, not only the flagged")
    args = parser.parse_args()
    rows = read_snippets(args.data)
    gold = {row["id"]: row["SubType"].strip() for row in rows}
    cues = lexicon_cues(classifier_constants())
    match_cues(cues, rows)
    flagged = [cue for cue in cues if cue.test_only_single]
    by_id = {row["id"]: row["EventSnippet"] for row in rows}
    from storyline.eval.event_types import _sentences

    needed = sorted({cue.matches["test"][0] for cue in flagged})
    sentences = dict(zip(needed, _sentences([by_id[i] for i in needed]), strict=True))
    serving = {
        id(cue)
        for cue in flagged
        if serves(cue, sentences[cue.matches["test"][0]], gold[cue.matches["test"][0]])
    }
    print("constant\tline\tcue\tdev\ttest\tflag\ttest ids (gold label)")
    for cue in cues:
        flag = "test-only-single" if cue.test_only_single else ""
        flag += " serves" if id(cue) in serving else ""
        if not (args.all or flag):
            continue
        ids = ", ".join(f"{i} ({gold[i]})" for i in cue.matches["test"][:5])
        dev, test = len(cue.matches["dev"]), len(cue.matches["test"])
        print(f"{cue.constant}\t{cue.line}\t{cue.pattern}\t{dev}\t{test}\t{flag}\t{ids}")
    print(
        f"# {len(cues)} cues, {len(flagged)} match one test snippet and no dev snippet, "
        f"{len(serving)} of them decide that snippet's right label (serves)"
    )


if __name__ == "__main__":
    main()
