"""Users' own rules files (--patterns) and the patterns command."""
import pytest
from click.testing import CliRunner

from extractor import extract_text, rules
from extractor.cli import main


@pytest.fixture(autouse=True)
def builtin_rules_after():
    yield
    rules.use_overlays(())


def write(tmp_path, text):
    p = tmp_path / "my.yaml"
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_own_unit_exclusion_and_alias(tmp_path):
    mine = write(tmp_path, "units:\n  families:\n    count:\n      units: [口]\n"
                           "indicators:\n  aliases:\n    生产总值: 地区生产总值\n"
                           "exclusions:\n  after: [亿元工程]\n")
    text = "房县新打机井12口,生产总值增长6%。"
    assert [(f.indicator, str(f.value), f.unit) for f in extract_text(text)] == [("生产总值增长", "6", "%")]
    rules.use_overlays([mine])
    assert [(f.indicator, str(f.value), f.unit) for f in extract_text(text)] == [
        ("新打机井", "12", "口"), ("地区生产总值增长", "6", "%")]


@pytest.mark.parametrize("content, message", [
    ("units: [a, b]\n", "units should be a mapping"),
    ("unitz:\n  families: {}\n", "unknown rules 'unitz'"),
    ("units:\n  familes: {}\n", "units.familes is not a known key"),
    ("exclusions:\n  after: 强\n", "exclusions.after should be a list"),
    ("units: [\n", "not valid YAML"),
    ("indicators:\n  aliases:\n    生产总值: [地区生产总值, GDP]\n",
     "indicators.aliases.生产总值 should be a word, not ['地区生产总值', 'GDP']"),
    ('exclusions:\n  after: [示范, ""]\n', "exclusions.after should hold words; '' is not one"),
    ("exclusions:\n  before: [~]\n", "exclusions.before should hold words; None is not one"),
    ('units:\n  families:\n    water:\n      units: ["  "]\n', "units.families.water.units should hold words"),
    ("units:\n  multipliers:\n    兆: many\n", "units.multipliers.兆 should be a number, not 'many'"),
    ("qualifiers:\n  not_after:\n    过: 通\n", "qualifiers.not_after.过 should be a list"),
])
def test_bad_rules_file_is_a_usage_error_with_a_clear_message(tmp_path, content, message):
    result = CliRunner().invoke(main, ["extract", "-", "--patterns", write(tmp_path, content)], input=b"x")
    assert result.exit_code == 2
    assert message in result.stderr


def test_patterns_command_lists_sources(tmp_path):
    mine = write(tmp_path, "exclusions:\n  after: [示范]\n")
    result = CliRunner().invoke(main, ["patterns", "--patterns", mine])
    assert result.exit_code == 0
    assert f"exclusions: patterns/exclusions.yaml + {mine}" in result.stdout
    shown = CliRunner().invoke(main, ["patterns", "--show", "qualifiers"])
    assert "more_than" in shown.stdout


def test_a_new_unit_family_of_the_right_shape_is_accepted(tmp_path):
    mine = write(tmp_path, "units:\n  families:\n    water:\n      units: [方水]\n")
    rules.use_overlays([mine])
    assert [(str(f.value), f.unit) for f in extract_text("全县节约用水300方水。")] == [("300", "方水")]


# ---------------------------------------------------------------- patterns that backtrack
def test_a_catastrophic_user_pattern_is_refused_at_load_naming_it(tmp_path):
    # (\d+)+年 over a run of digits with no 年 after would take twice as long
    # for each digit more: it never runs, the file is refused in one line
    mine = write(tmp_path, "periods:\n  patterns: ['(\\d+)+年']\n")
    result = CliRunner().invoke(main, ["extract", "-", "--patterns", mine], input="全县投资5亿元。")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {mine}: periods.patterns: (\\d+)+年 is refused: a repeated group whose end can also begin "
        "its next round can take time growing faster than the text")
    with pytest.raises(rules.PatternsError) as refused:
        rules.use_overlays([mine])
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize("key, pattern, refused", [
    ("periods:\n  patterns", "(?:年|年度)+", "periods.patterns: (?:年|年度)+ is refused: a repeated group holding "
                                            "alternatives that can begin alike"),
    ("tables:\n  note_line", "^注\\s*\\d*\\s*[:：]", "tables.note_line: ^注\\s*\\d*\\s*[:：] is refused: two "
                                                     "repeats of the same characters"),
    ("standard_indicators:\n  indicators:\n    数字经济规模:\n      patterns", "(GDP\\w*)*",
     "standard_indicators.indicators.数字经济规模.patterns: (GDP\\w*)* is refused"),
    ("years:\n  month", "(\\d{1,2}", "years.month: (\\d{1,2} is not a valid regular expression (missing ), "
                                     "unterminated subpattern at position 0)"),
])
def test_user_patterns_that_backtrack_or_do_not_compile_are_refused(tmp_path, key, pattern, refused):
    value = f"['{pattern}']" if key.endswith("patterns") else f"'{pattern}'"
    result = CliRunner().invoke(main, ["extract", "-", "--patterns", write(tmp_path, f"{key}: {value}\n")],
                                input="x")
    assert result.exit_code == 2
    assert refused in result.stderr.splitlines()[-1]


def test_user_patterns_that_run_in_linear_time_are_kept(tmp_path):
    mine = write(tmp_path, "periods:\n  patterns: ['第[一二三四]个五年']\n"
                           "tables:\n  note_line: '^(?:注|附注)\\s*(?:[0-9]+\\s*)?[:：]'\n")
    rules.use_overlays([mine])
    assert "第[一二三四]个五年" in rules.load("periods")["patterns"]


# ---------------------------------------------------------------- the shared vocabulary
def test_a_word_list_names_another_and_gets_its_words_once():
    lexicon = rules.load("lexicon")
    assert lexicon["prepositions"][:len(lexicon["recipient_prepositions"])] == lexicon["recipient_prepositions"]
    assert "在" in lexicon["prepositions"] and len(set(lexicon["prepositions"])) == len(lexicon["prepositions"])
    assert rules.load("periods")["target_words"][:len(lexicon["plan_words"])] == lexicon["plan_words"]
    assert lexicon["plan_openers"] == lexicon["plan_words"] + ["争取"]


def test_word_lists_naming_each_other_in_a_circle_are_refused_at_load(tmp_path):
    mine = write(tmp_path, 'lexicon:\n  connectors: ["@list_marks"]\n  list_marks: ["@connectors"]\n')
    result = CliRunner().invoke(main, ["extract", "-", "--patterns", mine], input="全县新建学校3所。")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {mine}: lexicon.list_marks: @connectors names a list that names it back")
    with pytest.raises(rules.PatternsError):
        rules.use_overlays([mine])
    assert rules.load("lexicon")["list_marks"] == ["、"]          # the built-in rules still hold


def test_answers_kept_for_speed_are_forgotten_when_the_rules_change(tmp_path):
    from extractor.segment import clause_start

    text = "全县新建学校3所/新增企业12家。"
    assert clause_start(text, 12) == 0
    rules.use_overlays([write(tmp_path, 'lexicon:\n  clause_marks: ["/"]\n')])
    assert clause_start(text, 12) == 9           # the same text asked again: the new mark ends a clause
