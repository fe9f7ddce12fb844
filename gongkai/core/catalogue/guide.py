"""The 政府信息公开指南 (§12, P6): its parts and a sensible default text from the agency's data.

Staff edit each part; an empty part shows the default, so a new agency's portal is never blank.
"""

from __future__ import annotations

from dataclasses import dataclass

GUIDE_PARTS: tuple[tuple[str, str], ...] = (
    ("disclosure_methods", "一、主动公开的方式"),
    ("application_channels", "二、依申请公开的申请渠道"),
    ("office_contact", "三、受理机构、地址和电话"),
    ("fees", "四、收费"),
    ("remedies", "五、救济途径"),
)


@dataclass(frozen=True)
class AgencyFacts:
    name: str
    address: str = ""
    phone: str = ""
    office_unit: str = ""  # the 政府信息公开工作机构 inside the agency
    supervisor: str = ""  # the 主管部门


def default_guide(agency: AgencyFacts) -> dict[str, str]:
    office = agency.office_unit or f"{agency.name}政府信息公开工作机构"
    address = agency.address or "（地址待补充）"
    phone = agency.phone or "（电话待补充）"
    supervisor = agency.supervisor or "本级人民政府政府信息公开工作主管部门"
    return {
        "disclosure_methods": (
            f"{agency.name}主动公开的政府信息，通过本门户网站的政府信息公开目录公开，"
            "并视情况通过政务新媒体、政府公报、新闻发布会以及报刊、广播、电视等途径公开。"
            "信息自形成或者变更之日起20个工作日内公开（《中华人民共和国政府信息公开条例》"
            "第二十六条）。公众可在本门户按分类、年度浏览，或用全文检索查找。"
        ),
        "application_channels": (
            "公民、法人或者其他组织可以通过本门户在线提交申请，也可以当面提交、邮寄或传真"
            "书面申请。申请应包括申请人的姓名或者名称、身份证明、联系方式，所需政府信息的名称、"
            "文号或者便于查询的其他特征性描述，以及获取信息的方式、途径（条例第二十九条）。"
            "书面申请确有困难的，可以口头提出，由受理机构代为填写。"
        ),
        "office_contact": f"受理机构：{office}\n地址：{address}\n联系电话：{phone}",
        "fees": (
            "提供政府信息不收取费用。申请公开政府信息的数量、频次明显超过合理范围的，"
            "可以依照《政府信息公开信息处理费管理办法》收取信息处理费（条例第四十二条）。"
        ),
        "remedies": (
            "公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向"
            f"{supervisor}投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。"
        ),
    }
