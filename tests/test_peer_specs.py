"""Agreement with the Chinese test specs of Microsoft Recognizers-Text.

The specs are read at test time from ``../shared/peer-specs/recognizers-text-chinese``
(next to the repository); they are not part of this project, and the tests skip
when the folder is absent. Every result's ``Text`` goes through parse_number and
is compared with ``Resolution.value`` (for PercentModel the number before "%").

NotSupported: a case is skipped when its ``NotSupported`` note names python.
Notes naming only other platforms (java, javascript) say nothing about a
Python reader, so those cases run and count like any other.

Cases we knowingly read differently are expected failures (strict), each with
its reason, in EXPECTED_FAILURES.
"""
from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from extractor.numbers import parse_number

SPEC_DIR = Path(__file__).resolve().parents[2] / "shared" / "peer-specs" / "recognizers-text-chinese"
MODELS = ("NumberModel", "PercentModel")
MIN_AGREEMENT = 0.95
# Values like 1/3 appear rounded to 15 places (0.333333333333333).
RELATIVE_TOLERANCE = Decimal("1e-12")

_COUNTING_WORD = ("a counting word ({word}: {meaning}) multiplies the number; in county text it is "
                  "a unit after the number (一百对新人 -> 100 对), so the whole is not one number")
_DOZEN = _COUNTING_WORD.format(word="打", meaning="a dozen")
_PAIR = _COUNTING_WORD.format(word="双/对", meaning="a pair")

EXPECTED_FAILURES = {
    "NumberModel#34": _DOZEN,      # 一打
    "NumberModel#71": _DOZEN,      # 五十打
    "NumberModel#91": _PAIR,       # 三双
    "NumberModel#92": _PAIR,       # 一百对
    "NumberModel#93": _PAIR,       # 十双
    "NumberModel#94": _PAIR,       # 一百五十对
    "NumberModel#95": _DOZEN,      # 十打苹果
    "NumberModel#102": _PAIR,      # 两双
    "NumberModel#121": _DOZEN,     # 壹打
    "NumberModel#168": _PAIR,      # 三雙
    "NumberModel#169": _PAIR,      # 壹百對
    "NumberModel#170": _PAIR,      # 十雙
    "NumberModel#171": _PAIR,      # 壹百五十對
    "NumberModel#172": _DOZEN,     # 十打蘋果
    "NumberModel#176": _PAIR,      # 兩雙
}

@cache
def _load(model: str) -> tuple:
    path = SPEC_DIR / f"{model}.json"
    if not path.is_file():
        return ()
    with open(path, encoding="utf-8") as f:
        return tuple(json.load(f))


def _skip_reason(case: dict) -> str | None:
    note = case.get("NotSupported")
    if note and "python" in str(note).lower():
        return f"NotSupported: {note}"
    return None


def _expected(result: dict) -> Decimal:
    return Decimal(str(result["Resolution"]["value"]).strip().rstrip("%"))


def _agrees(result: dict) -> bool:
    got = parse_number(result["Text"])
    if got is None:
        return False
    expected = _expected(result)
    return abs(got - expected) <= RELATIVE_TOLERANCE * max(Decimal(1), abs(expected))


def _params():
    params = []
    for model in MODELS:
        cases = _load(model)
        for index, case in enumerate(cases):
            key = f"{model}#{index}"
            marks = []
            if key in EXPECTED_FAILURES:
                marks.append(pytest.mark.xfail(strict=True, reason=EXPECTED_FAILURES[key]))
            params.append(pytest.param(model, index, id=key, marks=marks))
    if not params:
        params.append(pytest.param(None, None, id="specs-missing"))
    return params


@pytest.mark.parametrize("model, index", _params())
def test_case(model, index):
    if model is None:
        pytest.skip(f"peer specs not found in {SPEC_DIR}")
    case = _load(model)[index]
    reason = _skip_reason(case)
    if reason:
        pytest.skip(reason)
    wrong = [(r["Text"], str(_expected(r)), str(parse_number(r["Text"])))
             for r in case.get("Results", []) if not _agrees(r)]
    assert not wrong, f"{case['Input']!r}: (text, expected, got) {wrong}"


@pytest.mark.parametrize("model", MODELS)
def test_agreement_rate(model):
    cases = _load(model)
    if not cases:
        pytest.skip(f"peer specs not found in {SPEC_DIR}")
    results = [r for case in cases if not _skip_reason(case) for r in case.get("Results", [])]
    agreed = sum(_agrees(r) for r in results)
    rate = agreed / len(results)
    print(f"{model}: {agreed}/{len(results)} results agree ({rate:.1%})")
    assert rate >= MIN_AGREEMENT, f"{model}: {agreed}/{len(results)} = {rate:.1%}"


def test_expected_failures_name_real_cases():
    if not any(_load(model) for model in MODELS):
        pytest.skip(f"peer specs not found in {SPEC_DIR}")
    for key in EXPECTED_FAILURES:
        model, index = key.split("#")
        assert int(index) < len(_load(model)), f"{key} is not a case of the specs"
