"""Web pages: main content only, offsets into the raw HTML."""
from extractor import extract_text

PAGE = """<!DOCTYPE html><html><head><title>房县2023年统计公报_房县人民政府</title>
<script>var views = 12345;</script></head><body>
<div class="nav">首页 &gt; 政务公开 &gt; 统计信息</div>
<div class="article"><h1>房县2023年国民经济和社会发展统计公报</h1>
<p>全县地区生产总值达到150.2亿元，同比增长6.1%。</p>
<p>新建学校3所，新增学位1200个。</p>
<table><tr><td>指标</td><td>产量(吨)</td></tr><tr><td>稻谷</td><td>125,300</td></tr></table>
</div>
<div class="footer">版权所有：房县人民政府 鄂ICP备12345678号 联系电话：0719-1234567 访问量：3万次 共有3条评论</div>
</body></html>"""


def test_main_content_rows_with_offsets_into_the_page():
    got = extract_text(PAGE, source="page.html")
    assert [(f.county, f.indicator, str(f.value), f.unit) for f in got] == [
        ("房县", "地区生产总值", "150.2", "亿元"),
        ("房县", "地区生产总值同比增长", "6.1", "%"),
        ("房县", "新建学校", "3", "所"),
        ("房县", "新增学位", "1200", "个"),
        ("房县", "稻谷产量", "125300", "吨"),
    ]
    assert all(PAGE[f.start:f.end] == f.mention for f in got)


OWN_NEWS_PAGE = """<!DOCTYPE html><html><head><title>全县重点项目进展_县人民政府</title>
<link rel="canonical" href="http://www.minhou.gov.cn/zwgk/xmjz/202307/t20230712_1.htm">
<meta name="PubDate" content="2023-07-12 16:20">
</head><body><div class="article"><h1>全县重点项目进展</h1>
<p>上半年，全县重点项目累计完成投资36.2亿元，占年度计划的64.5%。</p>
</div></body></html>"""


def test_a_page_that_never_names_its_county_takes_its_address_county():
    got = extract_text(OWN_NEWS_PAGE, source="page.html")
    assert [(f.county, f.period, f.year, f.published) for f in got] == [
        ("闽侯县", "上半年", "2023", "2023-07-12"),
        ("闽侯县", "上半年", "2023", "2023-07-12"),
    ]
    assert {f.url for f in got} == {"http://www.minhou.gov.cn/zwgk/xmjz/202307/t20230712_1.htm"}
