"""The place gazetteer: the data in patterns/places.tsv and extractor.gazetteer.

All sentences here are written for these tests.
"""
from __future__ import annotations

import csv
from collections import Counter

import pytest
from hypothesis import given, settings, strategies as st

from extractor import rules
from extractor.gazetteer import Place, PlaceMention, gazetteer, towns


@pytest.fixture(scope="module")
def g():
    return gazetteer()


@pytest.fixture(scope="module")
def rows():
    with open(rules.path("places.tsv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def found(text: str, short_names: bool = False) -> list[tuple[str, tuple[str, ...]]]:
    """(surface, names of the places) for each mention, in order."""
    return [(m.surface, tuple(p.name for p in m.places))
            for m in gazetteer().find(text, short_names=short_names)]


def surfaces(text: str, short_names: bool = False) -> list[str]:
    return [m.surface for m in gazetteer().find(text, short_names=short_names)]


# --------------------------------------------------------------------- the data

def test_header_and_levels(rows):
    with open(rules.path("places.tsv"), encoding="utf-8") as f:
        assert f.readline().rstrip("\n").split("\t") == [
            "adcode", "name", "level", "province", "prefecture", "short"]
    counts = Counter(r["level"] for r in rows)
    assert set(counts) == {"province", "prefecture", "county"}
    assert 31 <= counts["province"] <= 34
    assert 330 <= counts["prefecture"] <= 340
    assert 2800 <= counts["county"] <= 2900
    assert len({r["adcode"] for r in rows}) == len(rows)
    assert all(len(r["adcode"]) == 6 and r["adcode"].isdigit() for r in rows)


@pytest.mark.parametrize("name, prefecture, province", [
    ("竹溪县", "十堰市", "湖北省"),
    ("柞水县", "商洛市", "陕西省"),
    ("通城县", "咸宁市", "湖北省"),
    ("临泽县", "张掖市", "甘肃省"),
    ("辰溪县", "怀化市", "湖南省"),
    ("香河县", "廊坊市", "河北省"),
    ("巴南区", "重庆市", "重庆市"),      # a municipality is its districts' prefecture too
    ("云阳县", "重庆市", "重庆市"),
    ("临洮县", "定西市", "甘肃省"),
    ("堆龙德庆区", "拉萨市", "西藏自治区"),
    ("门源回族自治县", "海北藏族自治州", "青海省"),
    ("博罗县", "惠州市", "广东省"),
    ("武陟县", "焦作市", "河南省"),
    ("沭阳县", "宿迁市", "江苏省"),
    ("万宁市", "", "海南省"),            # directly under the province: no prefecture
    ("仙桃市", "", "湖北省"),
    ("沙县区", "三明市", "福建省"),      # 2021: 沙县 → 沙县区
    ("长乐区", "福州市", "福建省"),
    ("蓬莱区", "烟台市", "山东省"),
])
def test_county_parents(g, name, prefecture, province):
    (place,) = g.by_name(name)
    assert (place.level, place.prefecture, place.province) == ("county", prefecture, province)


def test_several_shizhong_districts(g):
    places = g.by_name("市中区")
    assert {p.prefecture for p in places} == {"济南市", "枣庄市", "内江市", "乐山市"}
    assert len({p.adcode for p in places}) == 4


@pytest.mark.parametrize("name, level, province", [
    ("湖北省", "province", ""),
    ("重庆市", "province", ""),
    ("十堰市", "prefecture", "湖北省"),
    ("恩施土家族苗族自治州", "prefecture", "湖北省"),
    ("大兴安岭地区", "prefecture", "黑龙江省"),
    ("锡林郭勒盟", "prefecture", "内蒙古自治区"),
])
def test_upper_levels(g, name, level, province):
    (place,) = g.by_name(name)
    assert (place.level, place.province) == (level, province)


@pytest.mark.parametrize("stale", ["沙县", "梅列区", "长乐市", "蓬莱市", "会理县", "渝北区"])
def test_no_abolished_units_in_the_code_list(rows, stale):
    assert [r for r in rows if r["name"] == stale] == []


# Units renamed outright map to their successor; units merged away stay
# themselves with their last code (places.yaml aliases, withdrawn).
@pytest.mark.parametrize("text, expected", [
    ("户县今年粮食总产量创新高。", [("户县", ("鄠邑区", "西安市", "610118"))]),
    ("四川省郫县的豆瓣产业", [("四川省", ("四川省", "", "510000")), ("郫县", ("郫都区", "成都市", "510117"))]),
    ("重庆市渝北区新增市场主体", [("重庆市", ("重庆市", "", "500000")), ("渝北区", ("渝北区", "重庆市", "500112"))]),
    ("重庆市江北区的商圈", [("重庆市", ("重庆市", "", "500000")), ("江北区", ("江北区", "重庆市", "500105"))]),
    ("宁波市江北区的港口", [("宁波市", ("宁波市", "", "330200")), ("江北区", ("江北区", "宁波市", "330205"))]),
    ("杭州市江干区的楼盘", [("杭州市", ("杭州市", "", "330100")), ("江干区", ("江干区", "杭州市", "330104"))]),
    # a one-character former name stands alone or after its parent only, and
    # is never 任县委 ("served as"); a prefecture's name and 县 before 域, 区, 乡,
    # 级 or 市 is the prefecture's counties (许昌县域经济)
    ("他拟任县委常委。", []),
    ("2011年8月，任县委书记。", []),
    ("许昌县域经济持续向好，宜宾县乡两级财政", []),
    ("福建沙县小吃门店", [("福建", ("福建省", "", "350000")), ("沙县", ("沙县区", "三明市", "350405"))]),
])
def test_renamed_and_withdrawn_units(text, expected):
    assert [(m.surface, *[(p.name, p.prefecture, p.adcode) for p in m.places])
            for m in gazetteer().find(text, short_names=True)] == expected


def test_towns_table_names_counties_of_the_code_list(rows):
    with open(rules.path("towns.tsv"), encoding="utf-8", newline="") as f:
        towns_rows = list(csv.DictReader(f, delimiter="\t"))
    counties = {r["adcode"] for r in rows if r["level"] == "county"}
    assert len(towns_rows) > 30000
    assert all(r["county"] in counties for r in towns_rows)
    assert all(r["name"].endswith(("镇", "乡", "街道", "苏木")) and len(r["name"]) >= 3 for r in towns_rows)


@pytest.mark.parametrize("name, counties", [
    ("门古寺镇", ["房县"]),                        # one county has it
    ("侨港镇", ["银海区"]),
    ("军店镇", ["房县"]),
])
def test_towns(name, counties):
    assert [p.name for p in towns()[name]] == counties


def test_a_common_town_name_belongs_to_many_counties():
    assert len(towns()["城关镇"]) > 50


@pytest.mark.parametrize("name, short", [
    ("竹溪县", "竹溪"),
    ("门源回族自治县", "门源"),
    ("湖北省", "湖北"),
    ("内蒙古自治区", "内蒙古"),
    ("广西壮族自治区", "广西"),
    ("恩施土家族苗族自治州", "恩施"),
    ("万宁市", "万宁"),
    ("市中区", "市中"),
    ("浦东新区", "浦东"),
    ("清新区", "清新"),
    ("万柏林区", "万柏林"),
    ("神农架林区", "神农架"),
    ("鄂温克族自治旗", "鄂温克"),
    ("双江拉祜族佤族布朗族傣族自治县", "双江"),
    ("博尔塔拉蒙古自治州", "博尔塔拉"),
])
def test_short_names(rows, name, short):
    assert {r["short"] for r in rows if r["name"] == name} == {short}


# ------------------------------------------------------------ finding full names

@pytest.mark.parametrize("text, expected", [
    ("湖北省十堰市竹溪县今年新增市场主体两千户。",
     [("湖北省", ("湖北省",)), ("十堰市", ("十堰市",)), ("竹溪县", ("竹溪县",))]),
    ("据陕西省商洛市柞水县统计局消息，木耳产量稳步增长。",
     [("陕西省", ("陕西省",)), ("商洛市", ("商洛市",)), ("柞水县", ("柞水县",))]),
    ("重庆市巴南区与云阳县签订协作协议。",
     [("重庆市", ("重庆市",)), ("巴南区", ("巴南区",)), ("云阳县", ("云阳县",))]),
    ("拉萨市堆龙德庆区的牦牛存栏增加。",
     [("拉萨市", ("拉萨市",)), ("堆龙德庆区", ("堆龙德庆区",))]),
    ("海南省万宁市槟榔种植面积扩大。", [("海南省", ("海南省",)), ("万宁市", ("万宁市",))]),
    # the longest name at the leftmost position wins
    ("青海共和县和长沙县都来参会。", [("共和县", ("共和县",)), ("长沙县", ("长沙县",))]),
    # areas the national code list leaves out (嘉义县 is not 义县 of 辽宁)
    ("台风造成嘉义县、南投县农业损失。", [("嘉义县", ("嘉义县",)), ("南投县", ("南投县",))]),
    # aliases of autonomous units
    ("门源县油菜花节开幕，恩施州客商到场。",
     [("门源县", ("门源回族自治县",)), ("恩施州", ("恩施土家族苗族自治州",))]),
])
def test_full_names(text, expected):
    assert found(text) == expected


def test_mention_fields(g):
    text = "来自柞水县的木耳"
    (m,) = g.find(text)
    assert isinstance(m, PlaceMention)
    assert (m.start, m.end, m.surface, m.is_short) == (2, 5, "柞水县", False)
    assert text[m.start:m.end] == m.surface
    (p,) = m.places
    assert isinstance(p, Place)
    assert (p.name, p.level, p.prefecture, p.province) == ("柞水县", "county", "商洛市", "陕西省")
    assert len(p.adcode) == 6


def test_ambiguous_name_keeps_all_places(g):
    (m,) = g.find("市中区召开经济工作会议。")
    assert len(m.places) == 4


@pytest.mark.parametrize("text, prefecture", [
    ("济南市市中区召开经济工作会议。", "济南市"),
    ("乐山市中区新增就业岗位。", "乐山市"),     # 乐山 + 市中区, the 市 is shared
    ("枣庄市中区旅游收入增长。", "枣庄市"),
])
def test_parent_before_narrows(g, text, prefecture):
    mentions = g.find(text)
    assert [m.surface for m in mentions][-1] == "市中区"
    assert [p.prefecture for p in mentions[-1].places] == [prefecture]


def test_shared_shi_gives_parent_short_name(g):
    first, second = g.find("枣庄市中区")
    assert (first.surface, first.is_short, first.places[0].name) == ("枣庄", True, "枣庄市")
    assert (second.start, second.surface) == (2, "市中区")


# ---------------------------------------------------------- false-match guards

@pytest.mark.parametrize("text", [
    "全国农业示范县名单公布。",            # 示范县 ⊅ 范县
    "沿海城市的港口吞吐量提升。",          # 沿海城市 ⊅ 海城市
    "全县、该县、本县、我县、各县一县一品。",
    "县城和市区的人口持续增长。",
    "城区社区卫生服务中心新建三所。",        # 城区 without its city
    "主城区与郊区的道路改造完成。",
    "老城区改造和新城区建设同步推进。",
    "市和县两级财政投入增加。",              # 和 is a conjunction here
    "这座千年古县迎来游客高峰。",
    "搬迁到新县城的群众有三百户。",
    "河北区域协同发展成效明显。",            # 区域, not 河北区
    "长江城区段的堤防加固完工。",            # 长江 ⊅ 江城区
    "陕西山区的道路通达率提升。",            # 陕西 ⊅ 西山区
    "上海城区的地铁线路延伸。",              # 上海 ⊅ 海城区
    "黑龙江城区人口统计。",                  # 黑龙江 ⊅ 江城区
    "振兴县域经济，提高县级财力。",
    "河南县域经济持续向好。",                # not 河南(蒙古族自治)县
    "县财政局会同县直部门开展检查。",        # 会同 = together with
    "东方市场的摊位全部租出。",
    "某某店平房区的住户全部转移。",          # a quarter of bungalows
])
def test_no_place_in_ordinary_words(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("山西省阳泉市矿区煤炭产量下降。", ["山西省", "阳泉市", "矿区"]),
    ("阳泉郊区的蔬菜大棚增加。", ["郊区"]),       # after the city's short name
    ("晋城市城区常住人口增加。", ["晋城市", "城区"]),
    ("天津市河北区的商户增加。", ["天津市", "河北区"]),
    ("范县位于河南省东北部。", ["范县", "河南省"]),
    ("和县地处安徽省东部。", ["和县", "安徽省"]),
    ("马鞍山市和县的水产品丰收。", ["马鞍山市", "和县"]),
    ("菏泽单县的羊肉汤出名。", ["单县"]),
    ("湖南宁乡市的花猪出栏。", ["宁乡市"]),        # 南宁 is a word, but 湖南 a place
    ("辽宁海城市的菱镁矿。", ["海城市"]),
    ("会同县位于湖南西部。", ["会同县"]),
    ("哈尔滨市平房区的企业增加。", ["哈尔滨市", "平房区"]),
    # an ordinary word before a distinctive name does not hide it
    ("县里推进香河县与北京的合作。", ["香河县"]),      # 进香 is a word
    ("重点建设定兴县的物流园。", ["定兴县"]),          # 设定 is a word
    ("2023年长治市常住人口下降。", ["长治市"]),        # 年长 is a word
    ("游客多来自上海市和江苏省。", ["上海市", "江苏省"]),
    ("其中宁河区增长最快。", ["宁河区"]),              # 中宁 is a place
])
def test_guarded_names_match_in_context(text, expected):
    assert surfaces(text) == expected


def test_guarded_name_narrowed_to_its_city(g):
    *_, m = g.find("晋城市城区常住人口增加。")
    assert [p.prefecture for p in m.places] == ["晋城市"]


# ------------------------------------------------------------------ short names

@pytest.mark.parametrize("text, off, on", [
    ("竹溪经济发展势头强劲。", [], ["竹溪"]),
    ("临泽的红枣卖到了外省。", [], ["临泽"]),
    ("湖北通城段高速公路通车。", [], ["湖北", "通城"]),       # 通城段 is still 通城
    ("竹溪县城区道路改造。", ["竹溪县"], ["竹溪县"]),         # full name wins
    ("竹溪镇和竹溪村都在竹溪路旁。", [], []),                  # other units named after it
    ("恩施市与恩施州", ["恩施市", "恩施州"], ["恩施市", "恩施州"]),
    ("惠民政策落到实处。", [], []),                            # 惠民 is a stopword
    ("规划和政策同步出台。", [], []),                          # 和政策 ⊅ 和政
    ("从江苏引进项目三个。", [], ["江苏"]),                    # 从江苏 ⊅ 从江
    ("沿海城市。", [], []),                                    # 海城 before 市
    ("大兴安岭林区", [], ["大兴安岭"]),                        # the prefecture covers 兴安
    ("施工队完成安装调试。", [], []),                          # 完成 ⊅ 成安
    ("客商来安徽考察。", [], ["安徽"]),                        # 来 is "come", not 来安
    ("十堰的竹溪", [], ["十堰", "竹溪"]),                      # prefecture short names too
    ("查处小金库5个。", [], []),                               # 小金库 is a word: not 小金
    ("云南白药销售增长。", [], []),                            # nor 云南白药 a place
    ("竹山茶叶销往各地。", [], ["竹山"]),                      # 竹山 | 茶叶: a place
    ("湖南长安粮库扩建。", [], ["湖南"]),                      # 长安 is an ordinary word (a stopword)...
    ("陕西长安粮库扩建。", [], ["陕西", "长安"]),              # ...but right after its province a place
    ("巢湖水质持续好转，巢湖市新增企业。", ["巢湖市"], ["巢湖市"]),   # the lake; the city in full
])
def test_short_names_on_and_off(text, off, on):
    assert surfaces(text, short_names=False) == off
    assert surfaces(text, short_names=True) == on


def test_short_name_mentions(g):
    (m,) = g.find("竹溪经济", short_names=True)
    assert m.is_short and [p.name for p in m.places] == ["竹溪县"]
    # an ambiguous short name lists every unit of that short name, any level
    (m,) = g.find("长沙的游客", short_names=True)
    assert [p.name for p in m.places] == ["长沙市", "长沙县"]


def test_find_is_non_overlapping_and_ordered(g):
    text = "湖北省十堰市竹溪县与陕西柞水县、重庆巴南区、青海门源县签约。" * 3
    for short_names in (False, True):
        mentions = g.find(text, short_names=short_names)
        assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
        assert all(text[m.start:m.end] == m.surface for m in mentions)


def test_gazetteer_is_cached():
    assert gazetteer() is gazetteer()


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["竹溪", "竹溪县", "湖北省", "十堰市", "市中区", "门源县", "和政", "来安", ""]),
       st.text(alphabet="县市区省全的和在竹溪湖北十堰中门源政来安徽", max_size=6), st.booleans())
def test_may_start_is_true_wherever_find_gives_a_name_at_the_start(name, rest, short_names):
    text = name + rest
    found = gazetteer().find(text, short_names=short_names)
    if found and found[0].start == 0:
        assert gazetteer().may_start(text, short_names=short_names)
    if not gazetteer().may_start(text, short_names=short_names):
        assert not found or found[0].start > 0
