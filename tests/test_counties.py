"""The area resolver: the home area of a page and the area of each figure.

Sentences written for these tests, grouped by phenomenon. (The rule files'
own examples run in test_rule_examples.py.)
"""
import pytest

from extractor import extract_text, wordlist
from extractor.counties import document_areas
from extractor.normalise import normalise
from extractor.segment import segment


def county_of(text: str, mention: str, given: str = "") -> str:
    found = [f.county for f in extract_text(text, county=given) if f.mention == mention]
    assert found, f"no figure {mention!r} in {text!r}"
    return found[0]


def home(text: str, given: str = "") -> str:
    norm = normalise(text)
    sentences = segment(norm.text)
    return document_areas(norm.text, title=sentences[0].title if sentences else "", given=given).home_name


HOME = [
    ("竹山县:产业兴旺\n房县、竹山县合作,竹山县新建厂房5万平方米。", "竹山县"),    # the title counts more
    ("全县新建学校3所。", ""),                                                  # nothing named
    ("十堰市竹山县新建厂房,十堰市表彰竹山县。全县增长5%。", "竹山县"),            # 十堰市竹山县 names the county
    ("云阳网讯 今年以来,云阳旅游市场火爆,云阳接待游客100万人次,全县收入增长9%。", "云阳县"),  # a short name, standing
    ("贵州印江:春茶产值10亿元。印江全县茶园面积40万亩。", "印江土家族苗族自治县"),  # short name under a named province
    ("1至8月,沈阳市县域经济稳中有升。康平县增长2%,法库县增长3%,新民市增长4%,全市增长5%。", "沈阳市"),
    ("全市招商签约项目50个,其中房县20个、竹山县15个、竹溪县10个、郧西县5个。", "十堰市"),
    # 本市 inside 资本市场 is no word of the page's own level
    ("在河南省新设立的金融机构给予补助。支持企业在资本市场上市。", "河南省"),
    # 长沙 is the city: the county inside it sharing its name is written 长沙县
    ("长沙楼市平稳。长沙新开楼盘增多,岳麓区6个、长沙县4个。", "长沙市"),
    ("南昌经济稳中有进,全县生产总值增长5%。南昌工业增长7%。", "南昌县"),   # …unless the page's words are a county's
]


@pytest.mark.parametrize("text, expected", HOME)
def test_home_area(text, expected):
    assert home(text) == expected


def test_given_county_is_the_home():
    assert home("全县新建学校3所。", given="南昌县") == "南昌县"


# A county page whose roads, scenic spots, products and companies carry other
# places' names keeps its figures on its own county; without its own name it
# gets no county at all, never one of those.
OTHER_NAMES = ("今年以来,{own}经济稳中有进,全县地区生产总值完成150亿元。龙井茶种植基地新增面积500亩。"
               "竹山路改造工程全长3.2公里。郧西绿谷茶业有限公司投资2亿元建设加工厂。"
               "神农架景区接待本地游客12万人次。")


def test_names_inside_proper_nouns_keep_the_county():
    figures = extract_text(OTHER_NAMES.format(own="房县"))
    assert {f.county for f in figures} == {"房县"}
    assert len(figures) == 5


def test_names_inside_proper_nouns_never_give_a_county():
    figures = extract_text(OTHER_NAMES.format(own="全县"))
    assert len(figures) == 5
    assert {f.county for f in figures} == {""}


# Words that contain a place's name without standing for it: no area at all.
NOT_PLACES = [
    "维护社会长治久安的良好局面,全年新建学校3所。",     # 长治: a prefecture, not before its own 的
    "百姓生活更加安康的愿景,全年新建学校3所。",
    "京东商城网上销售额3亿元。",                          # 京东: no group of counties
    "宁东工业基地产值30亿元。",
    "在京东的销售额达到3亿元。",
    "京东、天猫等平台销售额3亿元。",
]


@pytest.mark.parametrize("text", NOT_PLACES)
def test_words_that_hold_a_name_are_not_places(text):
    assert [f.county for f in extract_text(text)] == [""]


@pytest.mark.parametrize("text, expected", [
    ("这是伊吾的变化,全年新建学校3所。", "伊吾县"),           # a county's short name before 的 stands
    ("渝东南地区接待游客300万人次。", "重庆市"),               # a group of counties: its province
    ("今年鄂西北各县新建学校3所。", "湖北省"),
    ("苏北地区新建学校3所。", "江苏省"),
])
def test_short_names_and_groups_that_stand_as_places(text, expected):
    assert [f.county for f in extract_text(text)] == [expected]


ATTRIBUTION = [
    # a place a figure follows directly: that figure's and the clause's later ones
    ("连日暴雨致湖北省45个县市共31万人受灾", "31万人", "湖北省"),
    ("接待来自湖北省12个市州的游客3万人次", "3万人次", "房县"),       # (not across 的)
    # places in brackets hold inside them only
    ("因灾死亡7人(竹山县3人,竹溪县4人),因灾失踪5人", "4人", "竹溪县"),
    ("因灾死亡7人(竹山县3人,竹溪县4人),因灾失踪5人", "5人", "房县"),
    ("全县新建学校3所", "3所", "房县"),                                      # 全县 is the home
    ("该县新增企业12家", "12家", "房县"),
    ("十堰市生产总值增长6%,房县增长7%", "6%", "十堰市"),                   # a place opening its clause
    ("十堰市生产总值增长6%,房县增长7%", "7%", "房县"),
    ("北京市朝阳区向房县捐赠农机12台", "12台", "房县"),                     # after a recipient preposition
    ("海南产量占全国83%的份额", "83%", "海南省"),                          # a province by short name
    ("截至9月,山东籍游客达7400人次", "7400人次", "房县"),                  # 山东籍 is not Shandong
    ("江苏某公司等2个企业落户房县", "2个", "房县"),                        # origin of companies
    ("分地区看,房县实现生产总值150亿元,增长6%;竹山县实现180亿元,增长7%", "6%", "房县"),
    ("分地区看,房县实现生产总值150亿元,增长6%;竹山县实现180亿元,增长7%", "7%", "竹山县"),
    ("国庆假期十堰市共接待游客120万人次", "120万人次", "十堰市"),            # after time words
    ("据统计,1至10月全省网络零售额2815亿元", "2815亿元", "湖北省"),
    ("十堰市将加大支持,力争到2025年房县茶产业产值突破50亿元", "突破50亿元", "房县"),
]


@pytest.mark.parametrize("sentence, mention, expected", ATTRIBUTION)
def test_attribution(sentence, mention, expected):
    assert county_of(sentence, mention, given="房县") == expected


SCOPE_WORDS = [  # 全X: the nearest area of that level around the home area
    ("全市县域生产总值增长5.5%", "5.5%", "房县", "十堰市"),
    ("全省粮食产量增长2%", "2%", "房县", "湖北省"),
    ("全国粮食产量增长1%", "1%", "房县", "中国"),
    ("全市生产总值增长6%", "6%", "万宁市", "万宁市"),                           # a county-level city: itself
    ("全区新增企业20家", "20家", "巴南区", "巴南区"),
    ("全市新增企业20家", "20家", "巴南区", "重庆市"),                          # a municipality's district
    ("在全国各地开办门店2100个", "2100个", "房县", "房县"),                     # a location, not the subject
    ("全省网络零售额2815亿元,比上年增长11.2%", "11.2%", "房县", "湖北省"),          # carried from a clause with a figure
    ("全省首批典型县获得命名,品牌价值突破30亿元", "突破30亿元", "房县", "房县"),    # an honour, not a subject
    ("占全市的比重为15%", "15%", "房县", "房县"),                              # a comparison
]


@pytest.mark.parametrize("sentence, mention, given, expected", SCOPE_WORDS)
def test_scope_words(sentence, mention, given, expected):
    assert county_of(sentence, mention, given=given) == expected


PREFECTURE_PAGES = [  # a prefecture's page: list items, 分别, one-sentence-per-county
    ("全市新签约项目90个,分别为:房县30个、竹山县25个、竹溪县20个、郧西县15个。",
     {"90个": "十堰市", "30个": "房县", "25个": "竹山县", "15个": "郧西县"}),
    ("全市招商签约项目50个。房县、竹山县、竹溪县分别签约20个、15个、10个。",
     {"50个": "十堰市", "20个": "房县", "15个": "竹山县", "10个": "竹溪县"}),
    ("十堰各县游客增长。房县接待游客120万人次,同比增长8%。竹山县接待游客90万人次。竹溪县接待游客60万人次。",
     {"120万人次": "房县", "8%": "房县", "90万人次": "竹山县", "60万人次": "竹溪县"}),
]


@pytest.mark.parametrize("text, areas", PREFECTURE_PAGES)
def test_prefecture_pages(text, areas):
    got = {f.mention: f.county for f in extract_text(text)}
    assert {m: got.get(m) for m in areas} == areas


def test_short_names_in_a_list_of_siblings_are_expanded():
    text = "国庆期间,武隆、彭水、黔江游客大增。彭水接待游客2600人次,黔江接待游客3400人次。"
    got = {f.mention: f.county for f in extract_text(text)}
    assert got == {"2600人次": "彭水苗族土家族自治县", "3400人次": "黔江区"}


def test_a_place_carries_through_its_paragraph_only():
    text = "竹山县是茶叶大县。茶园面积达20万亩。\n\n全市新增企业12家。"
    got = {f.mention: f.county for f in extract_text(text, county="十堰市")}
    assert got == {"20万亩": "竹山县", "12家": "十堰市"}


LINE_PER_SENTENCE = ("记者近日到山区采访。\n十堰市有个黄龙镇，下辖12个村。\n这个镇去年新修公路30公里。\n镇里还新建学校2所。\n"
                     "竹山县宝丰镇新建厂房5栋。\n该镇新增就业岗位300个。\n全镇植树2万棵。\n")


def test_in_a_text_written_a_sentence_per_line_a_place_holds_until_another_opens_a_sentence():
    got = [(f.mention, f.county) for f in extract_text(LINE_PER_SENTENCE, county="房县")]
    assert got == [("12个", "十堰市"), ("30公里", "十堰市"), ("2所", "十堰市"),
                   ("5栋", "竹山县"), ("300个", "竹山县"), ("2万棵", "竹山县")]


def test_in_paragraphs_of_several_sentences_a_place_holds_for_its_paragraph():
    text = ("记者近日到山区采访。十堰市有个黄龙镇，下辖12个村。这个镇去年新修公路30公里。镇里还新建学校2所。\n\n"
            "竹山县宝丰镇新建厂房5栋。\n新增就业岗位300个。\n\n全县植树2万棵。\n")
    got = [(f.mention, f.county) for f in extract_text(text, county="房县")]
    assert got == [("12个", "十堰市"), ("30公里", "十堰市"), ("2所", "十堰市"),
                   ("5栋", "竹山县"), ("300个", "房县"), ("2万棵", "房县")]


def test_one_sentence_paragraphs_apart_are_paragraphs_still():
    text = ("房县召开经济工作会议。\n\n会上通报，十堰市去年生产总值增长6%。\n\n去年，全县经济运行平稳。\n\n"
            "新增市场主体3000户。\n\n新建学校3所。\n\n植树8万棵。\n\n新修公路30公里。\n")
    assert [(f.mention, f.county) for f in extract_text(text)] == [
        ("6%", "十堰市"), ("3000户", "房县"), ("3所", "房县"), ("8万棵", "房县"), ("30公里", "房县")]


@pytest.mark.parametrize("text, fallback, expected", [
    ("全县新建学校3所。", "闽侯县", "闽侯县"),        # the text names no county: the fallback
    ("房县新建学校3所。", "闽侯县", "房县"),          # the text's county wins
    ("全县新建学校3所。", "", ""),
])
def test_fallback_county_only_when_the_text_names_none(text, fallback, expected):
    norm = normalise(text)
    assert document_areas(norm.text, fallback=fallback).home_name == expected


# A place after a list mark opens its clause when it heads a name set beside a
# phrase (an apposition), not when it continues a list of places, is a short
# name, or is one more thing a verb takes (赴深圳、竹山县考察).
@pytest.mark.parametrize("text, expected", [
    ("全市培育的第三家茶企、竹山县宏达茶业有限公司，带动茶农3万户增收，产值5200万元。",
     {"3万户": "竹山县", "5200万元": "竹山县"}),
    ("该项目获得国家、湖北省、竹山县三级奖补资金1500万元。", {"1500万元": "十堰市"}),
    ("签下湖南某食品项目、江西某纺织项目，其中一个项目总投资5亿元。", {"5亿元": "十堰市"}),
    ("市领导先后赴深圳、竹山县考察,签约项目5个。", {"5个": "十堰市"}),
    ("邀请高校专家、竹山县农技人员授课,培训农民2000人次。", {"2000人次": "十堰市"}),
])
def test_a_place_beside_a_phrase(text, expected):
    assert {f.mention: f.county for f in extract_text(text, county="十堰市")} == expected


# 全县 on a prefecture's page: the county named last (县 and 旗 name counties
# alone); 全区 there is the page's own area (a 地区's word for itself).
@pytest.mark.parametrize("text, expected", [
    ("十堰市茶叶产业提速。\n\n竹山是产茶大县，茶园遍布山间。\n\n去年全县茶叶产量3万吨。", "竹山县"),
    ("十堰市茶叶产业提速。\n\n竹山县是产茶大县。\n\n全区茶园面积达到30万亩。", "十堰市"),
    ("十堰市茶叶产业提速。\n\n全县茶园面积达到30万亩。", "十堰市"),       # no county named: the page's own
    ("市领导到竹山县调研。\n\n全县(市、区)新建茶园10万亩。", "十堰市"),   # all the counties
    ("竹山县召开大会。会议通报,全市(县、区)共有学校450所。", "十堰市"),
])
def test_a_county_word_on_a_prefecture_page(text, expected):
    assert [f.county for f in extract_text(text, county="十堰市")] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("竹山是产茶大县,全县茶园面积30万亩。", "竹山县"),         # a subject: 是 follows the name
    ("竹山的茶园面积30万亩。", "竹山县"),
    ("竹山绿茶有限公司产值3亿元。", "十堰市"),                 # the start of a company's name
    ("竹山有机茶专业合作社产值3000万元。", "十堰市"),          # 有机, not 有: the word decides
    ("竹山在线网络公司营收300万元。", "十堰市"),
])
def test_a_short_name_before_a_verb_is_no_proper_noun(text, expected):
    assert [f.county for f in extract_text(text, county="十堰市")] == [expected]


@pytest.mark.parametrize("text, start, stands", [
    ("今年全县新增企业12家", 2, True),
    ("全县人民", 0, True),
    ("支持企业在资本市场上市", 6, False),     # 资本 | 市场
    ("日本市场需求旺盛", 1, False),           # 日本 | 市场
    ("我市新建学校3所", 0, True),
    ("推广符合本区域实际的品种", 4, False),   # 本 | 区域
    ("全县城乡居民收入增长", 0, True),
])
def test_a_word_for_an_area_stands_only_as_a_word_of_its_own(text, start, stands):
    assert wordlist.stands_alone(text, start, start + 2) is stands


@pytest.mark.parametrize("text, expected", [
    # a firm's name runs to its head without 的: the place before 的 is where the firm is
    ("湖北竹山的某矿业有限公司装载钢材70吨。", "竹山县"),
    # a long name still begins with the place (a head within proper_noun_reach)
    ("竹山白鹤岭康养旅游有限公司占用耕地6亩。", "十堰市"),
    # a parent right before its child: the child heads the name, the parent says where
    ("十堰房县公安局交警大队查处一起超员违法,核载7人。", "房县"),
    # a real-estate firm's name (竹山地产 is a firm, not 竹山县)
    ("竹山地产竞得一宗地块,成交价5亿元。", "十堰市"),
])
def test_where_a_proper_noun_begins(text, expected):
    assert [f.county for f in extract_text(text, county="十堰市")] == [expected]


def test_a_short_name_that_is_a_word_is_no_place_for_standing_after_its_parent():
    # 湖北公安 is Hubei's police (公安 is a short_stopword), not 公安县; 湖北竹溪 is 竹溪县
    text = "湖北公安破获一起诈骗案\n记者从房县公安局获悉,抓获嫌疑人9名,在竹山县抓获4人。"
    assert "公安县" not in {m.place.name for m in document_areas(normalise(text).text, title="湖北公安破获一起诈骗案").mentions}
    text = "湖北竹溪破获一起诈骗案\n记者从竹溪县公安局获悉,抓获嫌疑人9名。"
    assert "竹溪县" in {m.place.name for m in document_areas(normalise(text).text).mentions}


# A one-character preposition counts only as a word of its own.
PREPOSITIONS_BEFORE = [
    ("向房县捐赠农机", 1, ("向", "为", "对"), "向"),
    ("甲公司成为房县首家企业", 5, ("向", "为", "对"), None),      # 成为: a verb
    ("面对房县山区道路", 2, ("向", "为", "对"), None),            # 面对: a verb
    ("救援队赶赴房县", 5, ("赴", "赶赴"), "赶赴"),                 # the longest listed first
    ("户籍地房县", 3, ("向",), None),
]


@pytest.mark.parametrize("text, pos, words, expected", PREPOSITIONS_BEFORE)
def test_preposition_before(text, pos, words, expected):
    from extractor.clauses import preposition_before
    assert preposition_before(text, pos, tuple(sorted(words, key=len, reverse=True))) == expected

