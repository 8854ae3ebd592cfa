"""The `year` column: the calendar year a figure covers (extractor/years.py)."""
import pytest

from extractor.models import Document
from extractor.pipeline import extract_document
from extractor.years import Reference, reference, year_of

PUBLISHED_JULY_2023 = Reference(2023, 7)
BULLETIN_2022 = Reference(2022, bulletin=True)
NOTHING_KNOWN = Reference()

YEARS = [
    # (period, status, reference, year)
    # a period with a year gives it, whatever else is known
    ("2021年", "actual", PUBLISHED_JULY_2023, "2021"),
    ("2024年1-6月", "actual", NOTHING_KNOWN, "2024"),
    ("2022年9月底", "target", BULLETIN_2022, "2022"),
    ("2019-2023年", "actual", PUBLISHED_JULY_2023, ""),          # two years: none
    # periods spanning years give none
    ("十四五期间", "actual", PUBLISHED_JULY_2023, ""),
    ("近三年", "actual", PUBLISHED_JULY_2023, ""),
    ("五年来", "actual", PUBLISHED_JULY_2023, ""),
    ("去年以来", "actual", PUBLISHED_JULY_2023, ""),
    ("2014年以来", "actual", PUBLISHED_JULY_2023, ""),
    # within the publication year
    ("今年", "actual", PUBLISHED_JULY_2023, "2023"),
    ("今年以来", "actual", PUBLISHED_JULY_2023, "2023"),
    ("上半年", "actual", PUBLISHED_JULY_2023, "2023"),
    ("1至3月份", "actual", PUBLISHED_JULY_2023, "2023"),
    ("1-6月", "actual", PUBLISHED_JULY_2023, "2023"),
    ("截至目前", "actual", PUBLISHED_JULY_2023, "2023"),
    ("全年", "target", PUBLISHED_JULY_2023, "2023"),             # a plan for the rest of the year
    ("年底", "target", PUBLISHED_JULY_2023, "2023"),
    # counted from the publication year
    ("去年", "actual", PUBLISHED_JULY_2023, "2022"),
    ("上年末", "actual", PUBLISHED_JULY_2023, "2022"),
    ("去年同期", "actual", PUBLISHED_JULY_2023, "2022"),
    ("明年", "target", PUBLISHED_JULY_2023, "2024"),
    # done in months not yet over when the page was published: not known
    ("全年", "actual", PUBLISHED_JULY_2023, ""),
    ("1-12月", "actual", PUBLISHED_JULY_2023, ""),
    ("前三季度", "actual", PUBLISHED_JULY_2023, ""),
    # a bulletin's year
    ("全年", "actual", BULLETIN_2022, "2022"),
    ("年末", "actual", BULLETIN_2022, "2022"),
    ("上年", "actual", BULLETIN_2022, "2021"),
    ("", "actual", BULLETIN_2022, "2022"),
    # nothing to count from: no year, never a guess
    ("", "actual", PUBLISHED_JULY_2023, ""),
    ("今年", "actual", NOTHING_KNOWN, ""),
    ("去年", "actual", NOTHING_KNOWN, ""),
    ("", "actual", NOTHING_KNOWN, ""),
    ("目前", "actual", NOTHING_KNOWN, ""),
]


@pytest.mark.parametrize("period, status, ref, year", YEARS)
def test_year_of(period, status, ref, year):
    assert year_of(period, status, ref) == year


REFERENCES = [
    # (published, titles, reference)
    ("2023-07-12", [], Reference(2023, 7)),
    ("", [], Reference()),
    ("", ["房县2022年国民经济和社会发展统计公报"], Reference(2022, bulletin=True)),
    ("2023-04-01", ["首页 > 统计公报", "房县二〇二二年国民经济和社会发展统计公报"], Reference(2022, bulletin=True)),
    ("2023-04-01", ["房县统计公报"], Reference(2023, 4)),            # a bulletin without a year
    ("2023-04-01", ["2022年房县经济运行简况"], Reference(2023, 4)),  # a year, but no bulletin
]


@pytest.mark.parametrize("published, titles, ref", REFERENCES)
def test_reference(published, titles, ref):
    assert reference(published, titles) == ref


def _years(text, **fields):
    return [(f.period, f.year) for f in extract_document(Document("a.txt", text, **fields))]


def test_year_from_the_publication_date():
    text = "上半年，房县地区生产总值增长5.1%，去年同期增长3.2%。"
    assert _years(text, published="2023-07-20") == [("上半年", "2023"), ("去年", "2022")]
    assert _years(text) == [("上半年", ""), ("去年", "")]


def test_year_from_a_bulletin_title():
    text = "房县2022年国民经济和社会发展统计公报\n全年地区生产总值93.4亿元，比上年增长6.5%。\n年末户籍人口45.2万人。\n"
    assert _years(text, published="2023-04-02") == [("全年", "2022"), ("全年", "2022"), ("年末", "2022")]


def test_year_from_the_manifest_title():
    text = "全年地区生产总值93.4亿元。"
    assert _years(text, title="房县2022年统计公报") == [("全年", "2022")]


def test_year_from_a_dated_line_at_the_top():
    text = "房县经济运行简报\n发布时间：2023-07-20 09:41\n上半年，全县地区生产总值增长5.1%。\n"
    assert _years(text) == [("上半年", "2023")]
