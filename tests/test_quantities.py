"""Quantity finder: number + unit + qualifier + range, and what is not a figure.

Each case: a sentence and the quantities expected in it as
(mention, value, unit, qualifier, value_max).
"""
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from extractor.quantities import find_quantities
from extractor.writer import decimal_text


def found(sentence):
    return [(sentence[q.start:q.end], decimal_text(q.value), q.unit, q.qualifier,
             decimal_text(q.value_max)) for q in find_quantities(sentence)]


MULTIPLIERS = [
    ("全县地区生产总值达125.6亿元", [("125.6亿元", "125.6", "亿元", "", "")]),
    ("惠及群众2.3万人", [("2.3万人", "2.3", "万人", "", "")]),
    ("实现税收16.4亿元", [("16.4亿元", "16.4", "亿元", "", "")]),
    ("出口额6.37亿美元", [("6.37亿美元", "6.37", "亿美元", "", "")]),
    ("营收284617万元", [("284617万元", "284617", "万元", "", "")]),
    ("新增耕地三千亩", [("三千亩", "3000", "亩", "", "")]),
    ("接待游客1784.3万人次", [("1784.3万人次", "1784.3", "万人次", "", "")]),
    # no measure word: the multiplier is the unit (GUIDELINE Lists)
    ("全县人口42万,耕地56万亩", [("42万", "42", "万", "", ""), ("56万亩", "56", "万亩", "", "")]),
    ("是一个40万人口的农业大县", [("40万", "40", "万", "", "")]),
    ("其余0.35万群众已安置", [("0.35万", "0.35", "万", "", "")]),
    ("全书2万字", []),                                      # 万字: a length of text, not read
    ("十万火急", []),                                       # Chinese numerals need a unit
    # an exchange rate is one figure: its base (1美元) is not
    ("按年均汇率(1美元兑6.875元人民币)折合3万美元", [("6.875元", "6.875", "元", "", ""), ("3万美元", "3", "万美元", "", "")]),
]

COUNT_UNITS = [
    ("倒塌房屋13间,投入机械20台次", [("13间", "13", "间", "", ""), ("20台次", "20", "台次", "", "")]),
    ("人均预期寿命78.62岁", [("78.62岁", "78.62", "岁", "", "")]),
    ("辖8镇1乡,共212村", [("8镇", "8", "镇", "", ""), ("1乡", "1", "乡", "", ""), ("212村", "212", "村", "", "")]),
    ("沿江4乡镇受灾", []),                                  # a name of the area, not a count
    # relief supplies: quilts by the 床, tents by the 顶; not 床位, 顶级
    ("调拨棉被1200床、帐篷80顶", [("1200床", "1200", "床", "", ""), ("80顶", "80", "顶", "", "")]),
    ("新增3床位", []),
    ("打造5顶级民宿", []),
]

QUALIFIERS = [
    ("争取资金近80亿元", [("近80亿元", "80", "亿元", "approx", "")]),
    ("约12万人参与", [("约12万人", "12", "万人", "approx", "")]),
    ("办理业务超95%", [("超95%", "95", "%", "more_than", "")]),
    ("销售额突破6亿元", [("突破6亿元", "6", "亿元", "more_than", "")]),
    ("新增就业2300人以上", [("2300人以上", "2300", "人", "more_than", "")]),
    ("培训农民800余人次", [("800余人次", "800", "人次", "more_than", "")]),
    ("减免税费4300余万元", [("4300余万元", "4300", "万元", "more_than", "")]),
    ("引进企业40多家", [("40多家", "40", "家", "more_than", "")]),
    ("全年接待游客12 万多人", [("12 万多人", "12", "万人", "more_than", "")]),
    ("每年拿出不少于60天时间", [("不少于60天", "60", "天", "more_than", "")]),
    ("误差不超过5%", [("不超过5%", "5", "%", "less_than", "")]),
    ("用时不到3小时", [("不到3小时", "3", "小时", "less_than", "")]),
    ("投资1500万元左右", [("1500万元左右", "1500", "万元", "approx", "")]),
    ("完成全年任务的七成多", [("七成多", "7", "成", "more_than", "")]),
    ("网络订单过万", [("过万", "1", "万", "more_than", "")]),
]

RANGES = [
    ("每人负责2至3项课题", [("2至3项", "2", "项", "", "3")]),
    ("增速保持在4.5%-5%", [("4.5%-5%", "4.5", "%", "", "5")]),
    ("海拔1200--2600米", [("1200--2600米", "1200", "米", "", "2600")]),
    ("总投资80亿元到100亿元", [("80亿元到100亿元", "80", "亿元", "", "100")]),
    ("力争用3—5年时间", [("3—5年", "3", "年", "", "5")]),
    ("培养一名技师一般需要2-4年", [("2-4年", "2", "年", "", "4")]),
    ("2021-2025年期间", []),
]

UNITS = [
    ("比上年提高0.7个百分点", [("0.7个百分点", "0.7", "个百分点", "", "")]),
    ("是上年的2.5倍", [("2.5倍", "2.5", "倍", "", "")]),
    ("人口密度210人/km2", [("210人/km2", "210", "人/km2", "", "")]),
    ("新修道路36.8公里", [("36.8公里", "36.8", "公里", "", "")]),
    ("建成厂房6万平方米", [("6万平方米", "6", "万平方米", "", "")]),
    ("办结时间压缩至2个工作日", [("2个工作日", "2", "个工作日", "", "")]),
    ("落实资金百分之三十", [("百分之三十", "30", "%", "", "")]),
]

LISTS = [
    ("分别拉动增长0.8个、2.1个、3.0个百分点",
     [("0.8个", "0.8", "个百分点", "", ""), ("2.1个", "2.1", "个百分点", "", ""),
      ("3.0个百分点", "3", "个百分点", "", "")]),
    ("建成学校5所、医院2家", [("5所", "5", "所", "", ""), ("2家", "2", "家", "", "")]),
]

EXCLUSIONS = [
    ("2023年4月21日召开大会", []),                       # dates
    ("1至3月份运行平稳", []),
    ("2022-06-15 16:27:03", []),
    ("综合排名全省第一,连续三年获评先进", []),            # ordinals and ranks
    ("主要指标居全市前三位", []),
    ("推进“六个走在前”和“2468”工作法", []),              # slogans in quotes
    ("庆祝建县60周年,引进中国500强企业", []),           # parts of names
    ("实施3亿元以上项目,打造百万元以上村", []),        # thresholds
    ("一张蓝图绘到底,一批项目落地", []),                  # idioms with 一
    ("开展百名干部下乡服务活动", []),
    ("万雅商贸中心一期开业,二期开工", []),                # project phases
    ("三次产业结构为12.6:38.9:48.5", []),                # ratios
    ("比重由17.3624.1858.46调整", []),                   # run-together numbers
]

THRESHOLD_VS_FIGURE = [
    ("村级集体经济收入达到8万元以上,百万元以上村增加到7个",
     [("8万元以上", "8", "万元", "more_than", ""), ("7个", "7", "个", "", "")]),
    ("年销售额超过5亿元的企业有12家", [("12家", "12", "家", "", "")]),
    ("培育年产值超亿元企业近百家", [("近百家", "100", "家", "approx", "")]),
    ("打造总投资超300亿元的新材料产业集群,", [("超300亿元", "300", "亿元", "more_than", "")]),
    ("为60多家企业办理融资手续", [("60多家", "60", "家", "more_than", "")]),
    # a bound ending its clause right after a count and its noun: which of them are counted
    ("全县有9个站点超过80毫米,3个村森林覆盖率超过80%。", [("9个", "9", "个", "", ""), ("3个", "3", "个", "", "")]),
    # (an amount that adds up stays a figure)
    ("12个乡镇受灾群众超过3万人", [("12个", "12", "个", "", ""), ("超过3万人", "3", "万人", "more_than", "")]),
    # (not an estimate, nor a price of each or of one)
    ("下游6个乡镇受灾人口近2万人", [("6个", "6", "个", "", ""), ("近2万人", "2", "万人", "approx", "")]),
    ("前3名每家奖励不超过50万元", [("不超过50万元", "50", "万元", "less_than", "")]),
    ("香菇一个价格不超过8元", [("不超过8元", "8", "元", "less_than", "")]),
]

MORE_UNITS_AND_CONTEXTS = [
    # 约 after a unit is the next figure's (35条约120公里), though 条约 is a word
    ("涉及35条约120公里的乡村公路", [("35条", "35", "条", "", ""), ("约120公里", "120", "公里", "approx", "")]),
    # lengths in m; plots and floors counted (not a floor of an address)
    ("车站总长256.5m,宽18.3m,服用10mg", [("256.5m", "256.5", "m", "", ""), ("18.3m", "18.3", "m", "", "")]),
    ("推出地块12幅,新建综合大楼2栋", [("12幅", "12", "幅", "", ""), ("2栋", "2", "栋", "", "")]),
    # a span after 工期, 期限…, unless the number is a year a date goes on from
    ("项目建设工期6年,建设期限2023年至2025年", [("6年", "6", "年", "", "")]),
    ("风速达28.5m/s", []),                                       # (a speed in Latin letters: no length)
    # a stretch of road after a length is no name (10路公交 is)
    ("完成3.6公里路段加固,新建12公里线路,开通10路公交", [("3.6公里", "3.6", "公里", "", ""), ("12公里", "12", "公里", "", "")]),
    # counts of items times occasions (条次, as 人次, 台次)
    ("监测广告136542条次", [("136542条次", "136542", "条次", "", "")]),
    # lottery bets and cities counted, after Arabic digits only
    ("本期共中出一等奖12注,注意兑奖期限", [("12注", "12", "注", "", "")]),
    ("业务已覆盖全国50余城,3城区联动,入选全国100城县域商业体系", [("50余城", "50", "城", "more_than", "")]),
    ("开行中欧班列超过300列,", [("超过300列", "300", "列", "more_than", "")]),
    ("全县12家A级景区接待游客", [("12家", "12", "家", "", "")]),
    ("全村六成以上都从事茶叶种植", [("六成以上", "6", "成", "more_than", "")]),
    ("为70周岁以上老人发放补贴", []),
    ("覆盖率约为85%,", [("约为85%", "85", "%", "approx", "")]),
]

BARE_HUNDREDS = [
    ("全年电商交易额超百亿元,", [("超百亿元", "100", "亿元", "more_than", "")]),
    ("带动近千户农户增收,", [("近千户", "1000", "户", "approx", "")]),
    ("近百年来风貌未改", []),
]

# A stated zero is a figure; a range from zero marks out a band.
ZEROS = [
    ("全年发生安全事故0起", [("0起", "0", "起", "", "")]),
    ("因灾死亡人数为0人", [("0人", "0", "人", "", "")]),
    ("火灾发生零次", [("零次", "0", "次", "", "")]),
    ("价格涨幅为0.0%", [("0.0%", "0", "%", "", "")]),
    ("沿河0至5公里范围内的村庄", []),
    ("查处案件12起,一起抓落实,3起来", [("12起", "12", "起", "", "")]),
]


# A 千 or 百 after Arabic digits that opens a unit is the unit's, as written
# (GUIDELINE: value and unit as written); Chinese numerals keep 千 a number.
UNITS_AS_WRITTEN = [
    ("家禽存栏3250百只", [("3250百只", "3250", "百只", "", "")]),
    ("农机总动力12345.6千瓦", [("12345.6千瓦", "12345.6", "千瓦", "", "")]),
    ("改造道路3.5千米,", [("3.5千米", "3.5", "千米", "", "")]),
    ("全社会用电量2.8亿千瓦时", [("2.8亿千瓦时", "2.8", "亿千瓦时", "", "")]),
    ("工业用电量1.9亿千瓦/时", [("1.9亿千瓦/时", "1.9", "亿千瓦/时", "", "")]),
    ("收购茶青800千克", [("800千克", "800", "千克", "", "")]),
    ("新修便道2-4千米", [("2-4千米", "2", "千米", "", "4")]),
    ("装机容量3.5万千瓦", [("3.5万千瓦", "3.5", "万千瓦", "", "")]),
    ("举办三千米长跑", [("三千米", "3000", "米", "", "")]),
    ("招聘5千人,投资3千万元", [("5千人", "5000", "人", "", ""), ("3千万元", "3000", "万元", "", "")]),
    ("耕地面积35.2千公顷", [("35.2千公顷", "35.2", "千公顷", "", "")]),
    # a count written with the other thing it may count (件(套)), and counts of trips (辆次)
    ("调运防汛物资1360件(套)", [("1360件(套)", "1360", "件(套)", "", "")]),
    ("新增设备12台(套)", [("12台(套)", "12", "台(套)", "", "")]),
    ("出动消防车76辆次,冲锋舟14艘次", [("76辆次", "76", "辆次", "", ""), ("14艘次", "14", "艘次", "", "")]),
    # goods counted by their packing, and the measures of everyday weights and lengths
    ("捐赠牛奶500箱、方便面800包、食用油300桶", [("500箱", "500", "箱", "", ""), ("800包", "800", "包", "", ""),
                                          ("300桶", "300", "桶", "", "")]),
    ("亩产798.1kg,总产5千斤", [("798.1kg", "798.1", "kg", "", ""), ("5千斤", "5", "千斤", "", "")]),
    ("修建护栏180延长米", [("180延长米", "180", "延长米", "", "")]),
    ("接待游客50万人(次),办理29件次", [("50万人(次)", "50", "万人(次)", "", ""), ("29件次", "29", "件次", "", "")]),
    # (not the words these characters begin: 包括, 基础)
    ("包括3包括, 5基础设施", []),
    # vehicles, cases and shares; a share's price is a rate
    ("出动15车43人,集中宣判53案", [("15车", "15", "车", "", ""), ("43人", "43", "人", "", ""),
                               ("53案", "53", "案", "", "")]),
    ("持有2.6亿股,股价11.45元/股", [("2.6亿股", "2.6", "亿股", "", ""), ("11.45元/股", "11.45", "元/股", "", "")]),
    ("每天抽排积水2600方", [("2600方", "2600", "方", "", "")]),
    ("标间价格180元/晚,运送群众20多船", [("180元/晚", "180", "元/晚", "", ""), ("20多船", "20", "船", "more_than", "")]),
    ("五台县某小学举行活动", []),                                                    # (五台县: a name)
    # places counted after Arabic digits; after Chinese numerals they are the ones spoken of
    ("涉及12省19市,两县三方签约", [("12省", "12", "省", "", ""), ("19市", "19", "市", "", "")]),
    # 6支队伍 is a count, 二支队 a name
    ("抽调6支队伍,二支队查处", [("6支", "6", "支", "", "")]),
]

# Durations and spoken money: 年 and 日 are units where a bound says a span
# of time is meant, never after a calendar year or a month.
DURATIONS_AND_SPOKEN_UNITS = [
    ("审批时限不超过45秒", [("不超过45秒", "45", "秒", "less_than", "")]),
    ("土地流转期限不少于10年", [("不少于10年", "10", "年", "more_than", "")]),
    ("合同到期后延续8年以上", [("8年以上", "8", "年", "more_than", "")]),
    ("2015年以上的数据均已入库", []),
    ("这座古桥历时1100年依然完好", [("1100年", "1100", "年", "", "")]),      # a duration word: any number
    ("工程前后历时30多年", [("30多年", "30", "年", "more_than", "")]),         # (多 and 余 inside the number too)
    # 日 likewise: a span before 内 or after 限期, never a day of a month
    ("责令其限期10日内整改", [("10日", "10", "日", "", "")]),
    ("应在60日内完成整改,8月20日以内验收", [("60日", "60", "日", "", "")]),
    ("8月20日召开会议", []),
    ("申报时间为每年1月1日至15日内", []),                          # (the end of a range of days)
    # a term moved: after 顺延, 延长, 推迟 a span, not a year
    ("合同期限延长2年,项目推迟3年", [("2年", "2", "年", "", ""), ("3年", "3", "年", "", "")]),
    # sentences: after 徒刑, 缓刑, 拘役 or 拘留 a span; years and months written together, in months
    ("判处有期徒刑四年,缓刑五年", [("四年", "4", "年", "", ""), ("五年", "5", "年", "", "")]),
    ("判处有期徒刑3年8个月", [("3年8个月", "44", "个月", "", "")]),
    # (一 before a span: no slogan; the high end of a range of years is a span too, a year of the calendar not)
    ("判处有期徒刑一年,缓刑一年,暂停投标资格期限一年", [("一年", "1", "年", "", ""), ("一年", "1", "年", "", ""),
                                                       ("一年", "1", "年", "", "")]),
    ("分别判处有期徒刑2年至9年,有期徒刑一年至四年不等", [("2年至9年", "2", "年", "", "9"), ("一年至四年", "1", "年", "", "4")]),
    ("历时4年至2030年底完成", [("4年", "4", "年", "", "")]),
    ("2022年3个月内完成", [("3个月", "3", "个月", "", "")]),          # (a date, then months)
    ("老人每月领取养老金800块钱", [("800块钱", "800", "块钱", "", "")]),
    ("审批时间压缩了3个多月", [("3个多月", "3", "个月", "more_than", "")]),        # 多 inside the unit
    ("民警蹲守2个多小时", [("2个多小时", "2", "小时", "more_than", "")]),
    ("连续奋战4个小时", [("4个小时", "4", "小时", "", "")]),                 # 个 inside the unit
    ("历时两个星期完成", [("两个星期", "2", "周", "", "")]),
    ("连续作业3个半小时", [("3个半小时", "3.5", "小时", "", "")]),                  # 半: a half more
    ("开设3个小时工岗位", [("3个", "3", "个", "", "")]),                             # (小时工: another word)
    # set phrases and village groups are no counts
    ("落实门前三包,打击三股势力,新官上任三把火,某村3组村民", []),
    ("某社区2、5组农户搬迁,某村3组村民,某生产队4组", []),
    ("救援队3组人员轮班", [("3组", "3", "组", "", "")]),
    # 二 alone before a measure word is a class or an order; two things are 两
    ("避免二次伤害,二类居住用地,开展两次培训", [("两次", "2", "次", "", "")]),
    ("共铺设道岔15组,安装冷却塔3组,拍了两组照片", [("15组", "15", "组", "", ""), ("3组", "3", "组", "", "")]),
    ("修复渠道14段,孵化雏鸡9窝,6部门联合,过了一段时间", [("14段", "14", "段", "", ""), ("9窝", "9", "窝", "", ""),
                                                       ("6部门", "6", "部门", "", "")]),
    ("货物周转量36.8亿吨公里", [("36.8亿吨公里", "36.8", "亿吨公里", "", "")]),
    ("阵风风速28米/秒", [("28米/秒", "28", "米/秒", "", "")]),                      # a speed
    ("行驶至国道1200公里+300米处", [("1200公里", "1200", "公里", "", "")]),            # (+100米: a mileage mark)
    ("公路K57加300米处塌方,国道K12+650米处积水,修复K3+100至K6+400段长3.3公里",
     [("3.3公里", "3.3", "公里", "", "")]),                                          # (K57+300米: mileage marks)
    ("二道江区出动民兵60人", [("60人", "60", "人", "", "")]),                          # (二道区: a name)
    ("五家渠市新增企业5家", [("5家", "5", "家", "", "")]),                            # (五家渠市: a numeral beginning a place's name)
    ("全村65%以上的农户种植茶叶", [("65%以上", "65", "%", "more_than", "")]),   # a share, not a threshold
    ("3亿元以上的项目12个", [("12个", "12", "个", "", "")]),                          # (a category)
    ("他四处打听消息", []),                                                        # 四处: everywhere
    # two people written in Chinese numerals are "the two", named before: no count
    ("张某、李某二人被抓获,两人很快熟络起来,事故造成2人受伤", [("2人", "2", "人", "", "")]),
    # a duration after 这 or 那 is "lately", a time frame
    ("这两天气温升高,那几年工期3天", [("3天", "3", "天", "", "")]),
]

# A unit written over a time or another unit is a rate, kept as written.
RATES = [
    ("低保标准提高到每人650元/月", [("650元/月", "650", "元/月", "", "")]),
    ("奖补资金3万元/户,", [("3万元/户", "3", "万元/户", "", "")]),
    ("污水处理能力达到2.5万吨/日", [("2.5万吨/日", "2.5", "万吨/日", "", "")]),
    ("门票价格为60元/人", [("60元/人", "60", "元/人", "", "")]),
    # 平 for 平方米 in house prices; a price over an amount (the amount is no figure of its own)
    ("成交均价6.2万元/平", [("6.2万元/平", "6.2", "万元/平", "", "")]),
    ("标价5.49元/500g,核桃仁28元/500克", [("5.49元/500g", "5.49", "元/500g", "", ""),
                                             ("28元/500克", "28", "元/500克", "", "")]),
    ("2023/11/23发布", []),
]

# 支队 is a unit's name, not 支; 及以上 bounds a figure, or a category before a noun.
NAMES_AND_BOUNDS = [
    ("公安交警二支队查处违法行为12起", [("12起", "12", "起", "", "")]),
    ("全县新增3个及以上", [("3个及以上", "3", "个", "more_than", "")]),
    ("有两个及以上子女的家庭", []),
]

# Bands that mark out what is counted, and clock times, are not figures.
BANDS_AND_CLOCKS = [
    ("水源地2公里范围内禁止建设养殖场", []),
    ("离河道500米内的农房有40户", [("40户", "40", "户", "", "")]),
    ("凌晨3时12分40秒发生地震", []),
    ("日降雨量达到156mm", [("156mm", "156", "mm", "", "")]),
]

ALL = [("names and bounds", c) for c in NAMES_AND_BOUNDS] + [("rates", c) for c in RATES] + [("bands and clocks", c) for c in BANDS_AND_CLOCKS] + [("multipliers", c) for c in MULTIPLIERS] + [("units as written", c) for c in UNITS_AS_WRITTEN] + [("count units", c) for c in COUNT_UNITS] + [("qualifiers", c) for c in QUALIFIERS] \
    + [("ranges", c) for c in RANGES] + [("units", c) for c in UNITS] + [("lists", c) for c in LISTS] \
    + [("exclusions", c) for c in EXCLUSIONS] + [("thresholds", c) for c in THRESHOLD_VS_FIGURE] \
    + [("bare 百/千", c) for c in BARE_HUNDREDS] + [("units in context", c) for c in MORE_UNITS_AND_CONTEXTS] \
    + [("zeros", c) for c in ZEROS] + [("durations and spoken units", c) for c in DURATIONS_AND_SPOKEN_UNITS]


@pytest.mark.parametrize("group, case", ALL, ids=[f"{g}:{c[0]}" for g, c in ALL])
def test_quantities(group, case):
    sentence, expected = case
    assert found(sentence) == expected


LONG = "1" * 29


@pytest.mark.parametrize("sentence, value, std", [
    (f"投资{LONG}元", LONG, LONG),                                # more digits than Decimal's default 28
    (f"投资{LONG[:25]}万元", LONG[:25], LONG[:25] + "0000"),
    (f"投资{LONG[:20]}.5亿元", LONG[:20] + ".5", LONG[:20] + "50000000"),
    (f"投资{LONG[:27]}亿元", LONG[:27], LONG[:27] + "00000000"),  # 亿 read within the number, then split off
])
def test_long_numbers_are_exact(sentence, value, std):
    from extractor.quantities import scaled

    (q,) = find_quantities(sentence)
    assert decimal_text(q.value) == value
    assert decimal_text(scaled(q.value, q.std_factor)) == std


@pytest.mark.parametrize("sentence, std_value, std_unit", [
    ("家禽存栏3250百只", "325000", "只"),
    ("农机总动力12345.6千瓦", "12345.6", "千瓦"),
    ("装机容量3.5万千瓦", "35000", "千瓦"),
    ("改造道路3.5千米", "3.5", "公里"),
    ("收购茶青800千克", "800", "公斤"),
    ("工业用电量1.9亿千瓦/时", "190000000", "千瓦时"),
    ("出栏生猪12万头", "120000", "头"),
    ("耕地面积35.2千公顷", "35200", "公顷"),
])
def test_std_columns_fold_the_unit_as_written_into_the_standard_unit(sentence, std_value, std_unit):
    (q,) = find_quantities(sentence)
    assert (decimal_text(q.value * q.std_factor), q.std_unit) == (std_value, std_unit)


@settings(max_examples=400, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False),
       st.sampled_from(["1", "1.0", "10", "10000", "100000000", "0.001", "1E+12", "0.0667"]))
def test_scaled_is_the_exact_product_written_plainly(value, factor):
    from fractions import Fraction

    from extractor.quantities import scaled

    product = scaled(value, Decimal(factor))
    assert Fraction(product) == Fraction(value) * Fraction(factor)
    sign, digits, exponent = product.as_tuple()
    assert exponent == 0 or (exponent < 0 and digits[-1] != 0)     # no exponent, no trailing zeros
