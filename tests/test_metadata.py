"""What a page says about itself: address and publication date (extractor/metadata.py)."""
import pytest

from extractor.metadata import complete, date_in_url, dated_line, html_facts, parse_date
from extractor.models import Document


@pytest.mark.parametrize("text, iso", [
    ("2023-02-11", "2023-02-11"),
    ("2023-2-1", "2023-02-01"),
    ("2023/2/11 09:41", "2023-02-11"),
    ("2023.02.11", "2023-02-11"),
    ("2023年2月11日", "2023-02-11"),
    ("20230211", "2023-02-11"),
    ("２０２３-０２-１１", "2023-02-11"),      # full-width digits
    (" 2023-02-11T09:41:00+08:00 ", "2023-02-11"),
    ("2023-02-30", ""),                     # no such day
    ("2023年2月", ""),                      # not a full date
    ("11/02/2023", ""),                     # day first is not read in a manifest
    ("yesterday", ""),
    ("", ""),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("url, iso", [
    ("http://www.example.gov.cn/xwzx/202409/t20240909_1234567.shtml", "2024-09-09"),
    ("http://example.com/c1/20220805/i1.html", "2022-08-05"),
    ("http://example.com/content/2019-10/10/content_1.htm", "2019-10-10"),
    ("http://example.com/pc/content/202302/11/content_1.html", "2023-02-11"),
    ("http://example.com/art/2021/5/10/art_1_1.html", "2021-05-10"),
    ("http://example.com/page/2020/0425/1.shtml", "2020-04-25"),
    ("http://example.com/nianjian/2018-7-5/11569.html", "2018-07-05"),
    ("http://example.com/news/202204/ebf08.shtml", ""),          # a month only
    ("http://example.com/show/3085.html", ""),
    ("http://example.com/p/20231399/1.html", ""),               # no such date
    ("", ""),
])
def test_date_in_url(url, iso):
    assert date_in_url(url) == iso


@pytest.mark.parametrize("text, iso", [
    ("房县经济运行简报\n\n发布时间: 2022-08-05\n\n上半年,全县…", "2022-08-05"),
    ("房县经济运行简报\n发布时间:2022-03-28 10:52信息来源:县统计局\n", "2022-03-28"),
    ("2021年09月17日\n\n房县招商签约85亿元\n", "2021-09-17"),
    ("房县樱桃节开幕\n06.08.2016  09:30\n", "2016-08-06"),        # day first, as portals write it
    ("——2017年2月23日在房县第十八届人民代表大会第二次会议上\n", "2017-02-23"),
    ("2024年1-6月份全县招商引资工作成效\n", ""),                    # a period, not a date
    ("上半年,房县地区生产总值增长5%。\n", ""),
    # a date in a long sentence of the article is no dated line
    ("2023年2月11日,记者从县统计局获悉,上半年全县地区生产总值增长5.1%,"
     "规模以上工业增加值增长6.2%,固定资产投资增长8.3%,社会消费品零售总额增长7.4%。\n", ""),
    # only the first lines are looked at
    ("一\n二\n三\n四\n五\n六\n七\n八\n发布时间: 2022-08-05\n", ""),
])
def test_dated_line(text, iso):
    assert dated_line(text) == iso


PAGE = """<!doctype html><html><head><title>房县经济运行</title>
<link rel="canonical" href="http://www.fangxian.gov.cn/xwzx/202307/t20230712_1.html">
<meta property="article:published_time" content="2023-07-12T10:00:00+08:00">
</head><body><article><h1>房县经济运行</h1><p>上半年,全县地区生产总值增长5.1%。</p></article></body></html>"""


def test_html_facts_canonical_and_date():
    assert html_facts(PAGE) == ("http://www.fangxian.gov.cn/xwzx/202307/t20230712_1.html", "2023-07-12")


def test_html_facts_og_url_and_a_byline_date():
    page = ('<html><head><meta property="og:url" content="https://minhou.gov.cn/a/1.htm"></head>'
            "<body><p>发布时间：2023-02-11 09:41</p><p>全县地区生产总值增长5%。</p></body></html>")
    assert html_facts(page) == ("https://minhou.gov.cn/a/1.htm", "2023-02-11")


def test_html_facts_nothing_said():
    assert html_facts("<html><body><p>全县地区生产总值增长5%。</p></body></html>") == ("", "")
    assert html_facts('<html><head><link rel="canonical" href="/a/1.htm"></head></html>')[0] == ""   # relative


def test_complete_fills_only_what_is_missing():
    text = "发布时间：2023-02-11\n全县地区生产总值增长5%。"
    assert complete(Document("a.txt", text)).published == "2023-02-11"
    given = Document("a.txt", text, published="2023-03-01")
    assert complete(given) is given
    from_url = complete(Document("a.txt", text, url="http://x.gov.cn/202401/t20240105_1.html"))
    assert from_url.published == "2024-01-05"      # the address before a line of the text
    page = complete(Document("a.html", PAGE, html=True))
    assert (page.url, page.published) == ("http://www.fangxian.gov.cn/xwzx/202307/t20230712_1.html", "2023-07-12")
    manifest = complete(Document("a.html", PAGE, html=True, url="http://www.liulin.gov.cn/"))
    assert (manifest.url, manifest.published) == ("http://www.liulin.gov.cn/", "2023-07-12")
