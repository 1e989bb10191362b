"""Role fillers on MUC-4 (GRIT preprocessing): perpetrators, targets, victims, weapons.

Scoring follows the GRIT/GTT convention (Du et al. 2021): per document and role, gold entities
are sets of acceptable mention strings, predicted entities are sets of strings; after
normalisation (lower case, no punctuation or articles) a predicted entity scores 1 against a
gold entity when all its mentions are among the gold's ("strict"), and the best one-to-one
alignment (Hungarian) gives the matched count. Precision divides by predicted entities, recall
by gold entities, summed over documents; micro figures pool the five roles. The included GRIT
test predictions are scored first, so the scorer can be checked against the paper. Split:
dev.json is dev, test.json is test (GRIT's outputs exist for test only).

Our extractor is mapped onto the roles as follows: actors naming an organisation (front, army,
party, cartel, acronyms of the period's armed groups) -> PerpOrg, other actors -> PerpInd;
targets that are things (buildings, vehicles, power lines) -> Target, people -> Victim;
weapon words in an event's sentence -> Weapon. Only violent event types are used (MUC-4 covers
attacks, bombings, kidnappings, arson, murder), not arrests, agreements or protests.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from storyline.eval.report import EvalReport, MissingData
from storyline.eval.split import check_split
from storyline.events import taxonomy as tx

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
SPLIT_FILES = {"dev": Path("muc4") / "dev.json", "test": Path("muc4") / "test.json"}
GRIT_FILE = Path("muc4") / "reference_system_outputs" / "GRIT_preds_s_t.out"

Extracts = dict[str, list[list[str]]]

ORGANISATION = re.compile(
    r"\b(?:front|army|armed forces|party|movement|organi[sz]ation|cartel|fmln|fpmr|mrta|eln|"
    r"farc|epl|shining path|sendero|commandos?|brigades?|battalions?|command|police|guard|"
    r"forces|group|union|council|government|death squads?|cell|m-19|urng|fdr|arena|dri|"
    r"pcp|national|revolutionary|liberation)\b"
)
THING = re.compile(
    r"\b(?:buildings?|houses?|homes?|offices?|headquarters|embass(?:y|ies)|cars?|vehicles?|"
    r"bus(?:es)?|trucks?|towers?|pylons?|bridges?|plants?|stations?|banks?|facilit(?:y|ies)|"
    r"installations?|lines?|pipelines?|schools?|churche?s?|stores?|shops?|residences?|"
    r"hotels?|posts?|substations?|networks?|airports?|helicopters?|planes?|aircraft|"
    r"property|properties|premises|branch|agency|agencies|factory|factories|warehouses?|"
    r"restaurants?|power|energy|oil|tanks?|offices|universit(?:y|ies)|ministry|company|"
    r"dam|bases?|barracks|garrisons?|outposts?|checkpoints?|vessels?|boats?|trains?)\b"
)
WEAPON = re.compile(
    r"\b(?:(?:car |truck |powerful |explosive )?bombs?|dynamite(?: sticks?)?|sticks? of dynamite|"
    r"explosives?(?: devices?| charges?)?|(?:hand )?grenades?|rifles?|(?:sub)?machine ?guns?|"
    r"mortars?|rockets?|firearms?|guns?|bullets?|ak-47s?|m-16s?|molotov cocktails?|"
    r"incendiary (?:bombs?|devices?)|(?:land ?)?mines?|pistols?|revolvers?|"
    r"(?:\d+-mm )?(?:artillery|cannon)|missiles?|tnt|shotguns?|knives|knife|machetes?)\b"
)
VIOLENT_TYPES = frozenset({tx.EXPLOSIONS, tx.BATTLES, tx.VIOLENCE_AGAINST_CIVILIANS, tx.RIOTS})


def normalise(text: str) -> str:
    """Lower case, drop punctuation and articles, squeeze spaces (the published convention)."""
    text = "".join(ch for ch in text.lower() if ch not in string.punctuation)
    text = re.sub(r"\b(?:a|an|the)\b", " ", text)
    return " ".join(text.split())


def _strict(gold: list[str], predicted: list[str]) -> float:
    return 1.0 if all(m in gold for m in predicted) else 0.0


def score_documents(
    predicted: dict[str, Extracts], gold: dict[str, Extracts]
) -> dict[str, list[float]]:
    """Per role: [matched, predicted entities, gold entities], plus ``micro`` pooled."""
    totals = {role: [0.0, 0.0, 0.0] for role in ROLES}
    for docid, gold_roles in gold.items():
        pred_roles = predicted.get(docid, {})
        for role in ROLES:
            golds = [[normalise(m) for m in e] for e in gold_roles.get(role, []) if e]
            preds = [[normalise(m) for m in e] for e in pred_roles.get(role, []) if e]
            matched = 0.0
            if golds and preds:
                scores = np.array([[_strict(g, p) for p in preds] for g in golds])
                rows, cols = linear_sum_assignment(-scores)
                matched = float(scores[rows, cols].sum())
            totals[role][0] += matched
            totals[role][1] += len(preds)
            totals[role][2] += len(golds)
    totals["micro"] = [sum(totals[r][i] for r in ROLES) for i in range(3)]
    return totals


def prf(matched: float, predicted: float, gold: float) -> tuple[float, float, float]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _grit_id(docid: str) -> str:
    """GRIT keys its outputs as 30002 for TST3-MUC4-0002."""
    parts = docid.split("-")
    return str(int(parts[0][-1]) * 10000 + int(parts[-1]))


def load_gold(path: Path, limit: int | None) -> tuple[dict[str, Extracts], dict[str, str]]:
    gold: dict[str, Extracts] = {}
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            docid = record["docid"]
            gold[docid] = {
                role: [[mention for mention, _offset in entity] for entity in entities]
                for role, entities in record["extracts"].items()
            }
            texts[docid] = record["doctext"]
            if limit is not None and len(gold) >= limit:
                break
    return gold, texts


PERSON_HEAD = re.compile(
    r"(?:m[ae]n|members?|guerr?ill?as?|terrorists?|individuals?|soldiers?|commandos?|"
    r"suspects?|assassins?|killers?|attackers?|assailants?|people|persons?|agents?|"
    r"militants?|rebels?|youths?|criminals?|subversives?|officers?|troops|policem[ae]n|"
    r"guards?|insurgents?|squads?|gunm[ae]n|hitm[ae]n|bombers?|kidnappers?|perpetrators?|"
    r"elements|fighters?|military|police|army)$"
)
PERSON_NAME = re.compile(r"^[a-z]+(?: [a-z]+){1,4}$")


def _role_of_actor(name: str) -> str | None:
    """PerpInd for people ("urban guerrillas"), PerpOrg for organisations ("the fmln")."""
    text = name.lower()
    if PERSON_HEAD.search(text):
        return "PerpInd"
    if ORGANISATION.search(text):
        return "PerpOrg"
    return "PerpInd" if PERSON_NAME.match(text) else None


def _role_of_target(name: str) -> str | None:
    text = name.lower()
    if THING.search(text):
        return "Target"
    if ORGANISATION.search(text) and not PERSON_HEAD.search(text):
        return None
    # MUC-4 victims are mostly named or described individuals; a bare "people" or "civilians"
    # is rarely a filler and costs precision.
    if len(text.split()) == 1 and PERSON_HEAD.search(text) is None and text.endswith("s"):
        return None
    return "Victim"


def predict(texts: dict[str, str]) -> dict[str, Extracts]:
    """Run the event extractor on each document and map its roles onto MUC-4 slots."""
    from storyline.events.extract import extract_events
    from storyline.model import Article
    from storyline.nlp.model import load_nlp

    nlp = load_nlp()
    predictions: dict[str, Extracts] = {}
    docids = list(texts)
    for docid, doc in zip(docids, nlp.pipe([texts[d] for d in docids], batch_size=8), strict=True):
        article = Article(id=docid, input=docid, text=texts[docid])
        found: dict[str, list[str]] = {role: [] for role in ROLES}
        for event in extract_events(article, doc):
            if event.event_type not in VIOLENT_TYPES and event.sub_event_type != tx.LOOTING:
                continue
            # The words as written: MUC-4 fills roles with the text's phrases, not ACLED names.
            for actor in event.actors_as_written or event.actors:
                if (role := _role_of_actor(actor)) is not None:
                    found[role].append(actor)
            for target in event.targets_as_written or event.targets:
                if (role := _role_of_target(target)) is not None:
                    found[role].append(target)
            for evidence in event.sources:
                found["Weapon"].extend(m.group(0) for m in WEAPON.finditer(evidence.sentence))
        predictions[docid] = {
            role: [[name] for name in dict.fromkeys(normalise(n) for n in names) if name]
            for role, names in found.items()
        }
    return predictions


def evaluate(data_dir: Path, *, limit: int | None = None, split: str = "test") -> EvalReport:
    check_split(split, task="muc4")
    path = data_dir / SPLIT_FILES[split]
    if not path.exists():
        raise MissingData(path)
    gold, texts = load_gold(path, limit)

    rows: list[list[object]] = []
    grit_f1 = 0.0
    grit_path = data_dir / GRIT_FILE
    if split == "test" and grit_path.exists():  # GRIT's shipped outputs cover test only
        outputs = json.loads(grit_path.read_text(encoding="utf-8"))
        grit = {docid: outputs[_grit_id(docid)]["pred_extracts"] for docid in gold}
        grit_totals = score_documents(grit, gold)
        for role in (*ROLES, "micro"):
            rows.append(["GRIT (reference)", role, *prf(*grit_totals[role])])
        grit_f1 = prf(*grit_totals["micro"])[2]

    totals = score_documents(predict(texts), gold)
    for role in (*ROLES, "micro"):
        rows.append(["storyline", role, *prf(*totals[role])])
    precision, recall, f1 = prf(*totals["micro"])
    summary: dict[str, object] = {"f1": f1, "precision": precision, "recall": recall}
    if grit_f1:
        summary["grit_f1"] = grit_f1
    summary["docs"] = len(gold)
    return EvalReport(
        task="muc4",
        columns=["system", "role", "precision", "recall", "f1"],
        rows=rows,
        summary=summary,
        notes=[
            "strict CEAF-REE matching (GRIT eval.py convention); GRIT reported about 0.55 micro F1",
            f"split={split}: {SPLIT_FILES[split]} (tune the role rules on dev.json only)",
        ],
        split=split,
    )
