"""No super-linear path: patterns that cannot backtrack without bound, and
inputs that once took the square of their length.

The bounded-time tests use inputs of a fixed size and bounds many times what
they take (they took minutes before); speed itself is measured by
benchmarks/throughput.py, by hand, never here.
"""
import dataclasses
import importlib
import pkgutil
import re
import time

import pytest

import extractor
from extractor import extract_text, rules
from extractor.regex_guard import problem


@pytest.mark.parametrize("pattern, found", [
    (r"(\d+)+年", "a repeated group whose end can also begin its next round"),
    (r"(?:\w+\s?)+$", "a repeated group whose end can also begin its next round"),
    (r"(a*)*b", "a repeated group that can match nothing"),
    (r"(?:年|年度)+末", "a repeated group holding alternatives that can begin alike"),
    (r"(?:a|a){20}", "a repeated group holding alternatives that can begin alike"),
    (r"\d+\s*\d+万", "two repeats of the same characters with only optional text between them"),
    (r"时间\s*[:：]?\s*$", "two repeats of the same characters with only optional text between them"),
    (r"(?:\d{1,5}\d{1,5},)+", "two repeats of the same characters with only optional text between them"),
    (r"(\d{1,2}", "not a valid regular expression (missing ), unterminated subpattern at position 0)"),
])
def test_patterns_that_can_backtrack_without_bound_are_named(pattern, found):
    assert problem(pattern) == found


@pytest.mark.parametrize("pattern", [
    r"(?:19|20)\d{2}年(?:度|末|底)?", r"截至\d{1,2}月(?:底|末)?", r"\d+年", r".*年", r"(\d+,)+",
    r"[^\s、,，;；]{1,8}(?:\s*[、,，;；]\s*[^\s、,，;；]{1,8})*", r"时间\s*(?:[:：]\s*)?$",
    r"[0-9]+(?:(?:[.,]| (?=[0-9]{3}(?![0-9])))[0-9]+)*", r"(?: {1,3}(?=[万亿])|[0-9])+",
])
def test_patterns_that_cannot_are_not(pattern):
    assert problem(pattern) == ""


def test_every_built_in_rules_pattern_passes_the_guard():
    # the same check as a user's rules file gets when it is loaded
    checked = [(where, p) for name in rules.names() for where, p in rules.regexes(name, rules.load(name))]
    assert len(checked) > 40
    assert [(where, p, problem(p)) for where, p in checked if problem(p)] == []


def _linear_all_the_same() -> set[str]:
    """The one pattern the guard would refuse that is linear all the same: a
    repeated group that ends the pattern, with nothing after it that could
    fail and make it give back what it took, used only to find runs."""
    from extractor.numbers import _grammar

    return {_grammar().run_re.pattern}


def _compiled_patterns():
    """Every pattern the extractor's modules hold, by where it is (after one
    extraction, so that the rules are compiled)."""
    extract_text("表1 2023年主要指标\n指标 产量\n稻谷 12.5\n小麦 3.2\n全县地区生产总值93.4亿元,增长5%。")
    found: dict[str, str] = {}

    def visit(obj, where, depth=0):
        if isinstance(obj, re.Pattern):
            found.setdefault(where, obj.pattern)
        elif depth < 3 and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            for f in dataclasses.fields(obj):
                visit(getattr(obj, f.name), f"{where}.{f.name}", depth + 1)
        elif depth < 3 and isinstance(obj, dict):
            for k, v in obj.items():
                visit(v, f"{where}[{k!r}]", depth + 1)
        elif depth < 3 and isinstance(obj, (list, tuple)):
            for k, v in enumerate(obj):
                visit(v, f"{where}[{k}]", depth + 1)

    for info in pkgutil.iter_modules(extractor.__path__):
        if info.name in ("__main__", "dask"):
            continue
        module = importlib.import_module(f"extractor.{info.name}")
        for name, obj in vars(module).items():
            visit(obj, f"{info.name}.{name}")
            wrapped = getattr(obj, "__wrapped__", None)        # compiled rules: @rules.compiled, no arguments
            if wrapped is not None and getattr(obj, "cache_info", None) and obj.cache_info().currsize \
                    and wrapped.__code__.co_argcount == 0:
                visit(obj(), f"{info.name}.{name}()")
    return found


def test_every_pattern_the_extractor_compiles_passes_the_guard():
    patterns = set(_compiled_patterns().values())
    assert len(patterns) > 100 and _linear_all_the_same() <= patterns
    assert {p for p in patterns if problem(p)} == _linear_all_the_same()


@pytest.mark.parametrize("run", ["亿", "万", "一", "十", "两"])
def test_runs_of_numerals_cost_what_ordinary_text_costs(run):
    # 100,000 of them once took 25 s (a scan tried every pair of positions);
    # ordinary text of this length takes about 0.3 s
    text = "全县投资" + run * 100_000 + "元。"
    t0 = time.process_time()
    rows = extract_text(text)
    assert time.process_time() - t0 < 10
    assert len(rows) <= 1


def test_a_long_run_of_short_lines_is_read_once():
    # 20,000 unit lines: each line once tried as the start of a one-cell-a-line
    # table that ran to the end of the run (minutes); now about 0.2 s
    text = "单位:万元\n" * 20_000
    t0 = time.process_time()
    assert extract_text(text) == []
    assert time.process_time() - t0 < 10
