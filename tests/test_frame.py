"""extract_frame: the CSV's columns as a DataFrame with exact, typed values."""
import subprocess
import sys
from decimal import Decimal

import pytest

from extractor.models import COLUMNS
from extractor.reader import InputError

pd = pytest.importorskip("pandas")
from extractor.frame import extract_frame  # noqa: E402  (after the pandas skip)

ARTICLE = "2022年,竹山县地区生产总值达到305.6亿元,同比增长6.3%。"
TEXT = "房县2023年地区生产总值达93.4亿元。"
DTYPES = {"value": object, "value_max": object, "std_value": object, "start": "Int64", "end": "Int64"}


def check_columns(df):
    assert list(df.columns) == list(COLUMNS)
    for c in COLUMNS:
        assert df[c].dtype == DTYPES.get(c, "string"), c


def test_a_file_and_a_text(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    df = extract_frame([p, TEXT])
    check_columns(df)
    assert list(df["source"]) == ["a.txt", "a.txt", "text-1"]
    gdp = df[df["source"] == "text-1"].iloc[0]
    assert gdp["county"] == "房县" and gdp["unit"] == "亿元"
    assert isinstance(gdp["value"], Decimal) and gdp["value"] == Decimal("93.4")
    assert gdp["std_value"] == Decimal("9340000000") and gdp["value_max"] is None
    assert TEXT[gdp["start"]:gdp["end"]] == gdp["mention"] == "93.4亿元"


@pytest.mark.parametrize("item", ["folder", "folder-str", "multiline"])
def test_one_item_need_not_be_in_a_list(tmp_path, item):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    arg = {"folder": tmp_path, "folder-str": str(tmp_path), "multiline": "标题\n" + ARTICLE}[item]
    df = extract_frame(arg)
    assert list(df["value"]) == [Decimal("305.6"), Decimal("6.3")]


def test_no_figures_still_has_the_columns():
    df = extract_frame(["今天天气很好。"], county="房县")
    assert len(df) == 0
    check_columns(df)


def test_county_option_applies():
    df = extract_frame(["全县新建学校3所。"], county="南昌县")
    assert list(df["county"]) == ["南昌县"]


@pytest.mark.parametrize("missing", ["no-such.txt", "报告.txt"])
def test_a_missing_path_is_an_error_not_a_text(missing, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        extract_frame([str(tmp_path / missing) if missing.isascii() else missing])


def test_the_package_does_not_import_pandas():
    code = "import sys, extractor.cli, extractor.writer, extractor.pipeline; print('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"


def test_a_table_row_left_out_is_a_warning(tmp_path):
    from extractor.tables import TableWarning

    path = tmp_path / "t.txt"
    path.write_text("| 县区 | 投资(亿元) |\n| 房县 | 5.5 |\n| 竹山县 | 3.1 | 2.2 |\n", encoding="utf-8")
    with pytest.warns(TableWarning, match=r"^t\.txt:3: table row left out, .*: 竹山县 \| 3\.1 \| 2\.2$"):
        df = extract_frame([str(path)])
    assert list(df["value"].astype(str)) == ["5.5"]
