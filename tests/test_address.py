"""The county a web address names (extractor/address.py) and the pinyin
table it reads (patterns/place_pinyin.tsv, from scripts/build_place_pinyin.py)."""
import csv
import importlib.util
from pathlib import Path

import pytest

from extractor import rules
from extractor.address import county_of

REPO = Path(__file__).resolve().parents[1]


def _rows(name):
    with open(rules.path(name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


# --- the table ----------------------------------------------------------------

def test_table_has_the_rows_of_places_tsv():
    places, pinyin = _rows("places.tsv"), _rows("place_pinyin.tsv")
    assert [(r["adcode"], r["name"]) for r in pinyin] == [(r["adcode"], r["name"]) for r in places]
    for r in pinyin:
        syllables = r["pinyin"].split()
        assert len(syllables) == len(r["name"]) and all(s.isascii() and s.isalpha() for s in syllables), r


@pytest.mark.parametrize("name, pinyin", [
    ("柳林县", "liu lin xian"),
    ("六安市", "lu an shi"),        # pypinyin's phrase reading
    ("长治市", "chang zhi shi"),    # place_chars: 长 is chang in place names...
    ("长子县", "zhang zi xian"),    # ...except where readings say otherwise
    ("尧都区", "yao du qu"),
    ("单县", "shan xian"),
    ("绿春县", "lv chun xian"),
])
def test_place_readings(name, pinyin):
    assert {r["name"]: r["pinyin"] for r in _rows("place_pinyin.tsv")}[name] == pinyin


def test_script_writes_the_same_table_again():
    pytest.importorskip("pypinyin")
    spec = importlib.util.spec_from_file_location("build_place_pinyin", REPO / "scripts" / "build_place_pinyin.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.table() == rules.path("place_pinyin.tsv").read_text(encoding="utf-8")


# --- hits -----------------------------------------------------------------------

@pytest.mark.parametrize("url, county", [
    # the site's own label: full pinyin, with the suffix, initials
    ("http://www.liulin.gov.cn/xwzx/202409/t20240909_1.shtml", "柳林县"),
    ("https://minhou.gov.cn/zwgk/", "闽侯县"),
    ("http://www.liulinxian.gov.cn/", "柳林县"),
    ("http://www.wly.gov.cn/", "武陵源区"),                  # three initials
    # with the prefecture's pinyin or initials in front
    ("http://zjjwly.gov.cn/c1/20220805/i1.html", "武陵源区"),
    ("http://www.cqbn.gov.cn/zwgk/", "巴南区"),
    ("http://www.fuzhouminhou.gov.cn/", "闽侯县"),
    ("http://www.zjjwulingyuan.gov.cn/", "武陵源区"),
    ("http://www.yangquanchengqu.gov.cn/", "城区"),          # 城区 only with its prefecture
    # a department in front of the site's label
    ("http://tjj.yuhuan.gov.cn/art/2021/5/10/art_1.html", "玉环市"),
    # a subsite of the prefecture's site, a county of that prefecture
    ("http://wly.zjj.gov.cn/news/", "武陵源区"),
    ("http://zhushan.shiyan.gov.cn/", "竹山县"),              # ambiguous alone, not under 十堰
    # the path of a prefecture's site
    ("http://www.shiyan.gov.cn/zhushan/xw/1.html", "竹山县"),
    ("http://www.zjj.gov.cn/wulingyuan/", "武陵源区"),
    # spellings of a URL
    ("HTTP://WWW.MINHOU.GOV.CN/", "闽侯县"),
    ("minhou.gov.cn/a/b.htm", "闽侯县"),
    ("http://www.yuhuan.gov.cn:8080/", "玉环市"),
    ("http://www.luchun.gov.cn/", "绿春县"),                  # ü as u...
    ("http://www.lvchun.gov.cn/", "绿春县"),                  # ...or as v
    ("http://www.shanxian.gov.cn/", "单县"),                  # a corrected reading
])
def test_address_names_county(url, county):
    assert county_of(url) == county


# --- misses and ambiguous names ------------------------------------------------------

@pytest.mark.parametrize("url", [
    "",
    "not a url",
    # only government sites are read
    "http://www.minhou.com/news/1.html",
    "http://www.minhou.gov.cn.example.com/",
    "http://news.example.com/liulin/2023/1.html",
    # names that fit several places
    "http://www.zhushan.gov.cn/",           # 竹山县 and 珠山区
    "https://gxt.hebei.gov.cn/xwzx/",       # 河北省 and 河北区
    "http://www.jian.gov.cn/",              # 吉安市, 吉安县, 集安市
    "http://www.shexian.gov.cn/",           # 涉县 and 歙县
    "http://www.fuzhou.gov.cn/minhou/liulin/",   # 福州 or 抚州; two counties in the path
    # a prefecture or a province is no county
    "https://tjj.shiyan.gov.cn/sjfb/202311/t20231109_1.html",
    "http://www.zjj.gov.cn/",
    "http://www.hubei.gov.cn/",
    # initials only on the host, and not two of them
    "http://www.shiyan.gov.cn/zs/1.html",
    "http://www.ll.gov.cn/",
    "http://www.gov.cn/zwgk/wly/",
    # generic words are never names (dongtai is 东台市 and "news")
    "http://www.gov.cn/xwzx/dongtai/1.html",
    "http://www.gov.cn/",
    # a prefecture's county that the prefecture does not have
    "http://www.zjj.gov.cn/cqbn/",
])
def test_address_names_no_county(url):
    assert county_of(url) == ""
