"""The regression floor: the scores on the shared gold may rise, never fall.

The gold rows live beside the repository (``../shared``); the floor is in
``tests/score_floor.json``. Without the shared folder the test is skipped
with the reason.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FLOOR = json.loads((REPO / "tests" / "score_floor.json").read_text(encoding="utf-8"))
TOLERANCE = 0.0005      # the scorer rounds to four places


@pytest.fixture(scope="module")
def scores():
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip(f"no shared gold at {SHARED}: the score floor is not checked")
    sys.path.insert(0, str(REPO / "scripts"))
    import evaluate
    return evaluate.scores(SHARED)


@pytest.mark.parametrize("name", ["seeds", "dev-extra"])
def test_scores_stay_above_the_floor(scores, name):
    result, floor = scores[name], FLOOR[name]
    got = {
        "figure": result["figure"]["f1"],
        "county": result["county"]["f1"],
        "full": result["full"]["f1"],
        "county_accuracy": result["accuracy_on_matched"].get("county", 0.0),
        "status_accuracy": result["accuracy_on_matched"].get("status", 0.0),
    }
    below = {k: (got[k], v) for k, v in floor.items() if got[k] + TOLERANCE < v}
    assert not below, f"{name} fell below the floor (got, floor): {below}"
