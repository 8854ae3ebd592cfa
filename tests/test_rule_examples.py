"""Every example written beside a rule in patterns/ is run here.

A rule file lists named rules in order, each with what it does and example
texts with what they must give. An example marked ``known_failure: why`` is
expected to fail (strict: it fails the suite once it passes, so the mark is
removed when the rules learn it). The rule an example is written beside
decides at least one of its figures (``--explain`` names it), unless the
example is marked ``counter: true``: then it shows where the rule stops, and
no figure names the rule.
"""
from __future__ import annotations

import pytest

from extractor import rules
from extractor.counties import document_areas
from extractor.normalise import normalise
from extractor.pipeline import extract_text
from extractor.segment import segment


def _examples(file: str, section: str) -> list:
    out = []
    for rule in rules.load(file)[section]:
        for k, example in enumerate(rule.get("examples") or ()):
            marks = [pytest.mark.xfail(strict=True, reason=example["known_failure"])] \
                if example.get("known_failure") else []
            out.append(pytest.param(dict(example, rule=rule["id"]), id=f"{rule['id']}-{k}", marks=marks))
    return out


def _decided_by_its_rule(example, figures) -> None:
    """The example's rule names a figure of it; a counter-example's none."""
    decided = {r.split(":", 1)[1].split("+")[0] for f in figures for r in f.rules.split()}
    assert (example["rule"] in decided) != bool(example.get("counter")), (example["rule"], sorted(decided))


@pytest.mark.parametrize("example", _examples("counties", "home_rules"))
def test_home_rule_examples(example):
    norm = normalise(example["text"])
    sentences = segment(norm.text)
    title = sentences[0].title if sentences else ""
    areas = document_areas(norm.text, title=title, given=example.get("given", ""))
    assert areas.home_name == example["home"]
    assert (areas.home_rule == example["rule"]) != bool(example.get("counter")), areas.home_rule


@pytest.mark.parametrize("example", _examples("counties", "figure_rules"))
def test_figure_area_examples(example):
    figures = extract_text(example["text"], county=example.get("given", ""))
    got = {f.mention: f.county for f in figures}
    want = {str(k): v for k, v in example["areas"].items()}
    assert {m: got.get(m, "<no figure>") for m in want} == want
    _decided_by_its_rule(example, figures)


@pytest.mark.parametrize("example", _examples("indicators", "rules") + _examples("indicators", "after_rules"))
def test_indicator_rule_examples(example):
    figures = extract_text(example["text"], county=example.get("given", ""))
    assert [f.indicator for f in figures] == example["names"]
    _decided_by_its_rule(example, figures)


def test_the_rule_file_orders_every_naming_rule_of_the_code_once():
    from extractor.indicators import rule_ids

    ordered = [r["id"] for r in rules.load("indicators")["rules"]]
    assert sorted(ordered) == sorted(rule_ids())


@pytest.mark.parametrize("example", _examples("periods", "period_rules"))
def test_period_rule_examples(example):
    figures = extract_text(example["text"], county="房县")
    assert [f.period for f in figures] == example["periods"]
    _decided_by_its_rule(example, figures)


@pytest.mark.parametrize("example", _examples("periods", "status_rules"))
def test_status_rule_examples(example):
    figures = extract_text(example["text"], county="房县")
    assert [f.status for f in figures] == example["statuses"]
    _decided_by_its_rule(example, figures)


def test_rule_ids_are_unique_within_each_rule_file():
    """A rule written twice under one id would run one set of examples and hide the other."""
    for name in rules.names():
        ids = [entry["id"] for value in rules.load(name).values() if isinstance(value, list)
               for entry in value if isinstance(entry, dict) and "id" in entry]
        assert len(ids) == len(set(ids)), (name, sorted(i for i in set(ids) if ids.count(i) > 1))
