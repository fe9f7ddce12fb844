"""Reports on 2019 and 2020 use the 2019 format (国办公开办函〔2019〕60号)."""

from __future__ import annotations

from gongkai.core.parsing.read import report_from_text
from gongkai.core.report import labels as L
from gongkai.core.report.jsonio import report_from_json, report_to_json

TEXT_2019 = """某县公安局2020年政府信息公开工作年度报告
本报告统计期限自2020年1月1日起至12月31日止。
一、总体情况
我局依法做好政府信息公开工作。
二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t0
规范性文件\t2\t2\t15
第二十条第（五）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t12\t-1\t5400
其他对外管理服务事项\t3\t0\t120
第二十条第（六）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t200\t2\t3100
行政强制\t10\t0\t25
第二十条第（八）项
信息内容\t上一年项目数量\t本年增/减
行政事业性收费\t5\t0
第二十条第（九）项
信息内容\t采购项目数量\t采购总金额
政府集中采购\t3\t45.6
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t0\t4
二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0
三、本年度办理结果\t（一）予以公开\t2\t0\t0\t0\t0\t0\t2
（二）部分公开\t0\t0\t0\t0\t0\t0\t0
（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0
3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0
4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0
5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0
6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0
7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0
8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0
（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1
2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0
3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0
（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0
2.重复申请\t0\t0\t0\t0\t0\t0\t0
3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0
5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0
（六）其他处理\t1\t0\t0\t0\t0\t0\t1
（七）总计\t4\t0\t0\t0\t0\t0\t4
四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0
四、政府信息公开行政复议、行政诉讼情况
行政复议\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉
0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。
"""


def test_a_2020_report_reads_in_the_2019_format() -> None:
    report = report_from_text(TEXT_2019)
    assert report.format == L.FORMAT_2019
    assert report.year == 2020
    assert report.table2["normative_documents"] == {"made": 2, "published": 2, "in_force_total": 15}
    assert report.table2["administrative_license"]["items_change"] == -1
    assert report.table2["government_procurement"] == {"projects": 3, "amount": "45.6"}
    assert report.table3["other_processing"]["total"] == 1
    assert "other_other" not in report.table3
    assert not report.errors()
    data = report_to_json(report)
    assert data["format"] == "annual-report/2019"
    assert report_from_json(data) == report
