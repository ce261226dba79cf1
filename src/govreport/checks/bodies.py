"""The administrative level of a reporting body, from its kind and its name.

Only a people's government of a province or of a 设区的市 makes 规章 (besides the State Council's
departments), so a county-level or township body that reports 规章 has filled in the wrong row.
The level can only be guessed from a name: 县, 区 and 旗 mark a county-level body, 乡, 镇 and 街道
a township. 自治区 (a province) and 地区 (a prefecture) are the exceptions that look alike.
"""

from __future__ import annotations

import enum
import re

from govreport.spec import BodyKind


class Level(enum.StrEnum):
    TOWNSHIP = "township"
    COUNTY = "county"
    UNKNOWN = "unknown"  # a city, a province, a ministry, or a name that does not say


_TOWNSHIP = re.compile(r"街道|[乡镇](?:人民政府|政府|党委|办事处|$)")
# 区 but not 自治区 (a province), 地区 (a prefecture), 区域 or 区划 (ordinary words).
_COUNTY = re.compile(r"[县旗]|(?<!自治)(?<!地)区(?!域|划)")


def body_level(name: str, kind: BodyKind) -> Level:
    """The level of the body: township, county, or unknown (city or above, or not told)."""
    if kind is BodyKind.TOWNSHIP or _TOWNSHIP.search(name):
        return Level.TOWNSHIP
    if _COUNTY.search(name):
        return Level.COUNTY
    return Level.UNKNOWN


def name_suggests_kind(name: str) -> BodyKind | None:
    """The kind a body's name plainly says, when it does: a township, or a people's government."""
    if _TOWNSHIP.search(name):
        return BodyKind.TOWNSHIP
    if name.endswith("人民政府"):
        return BodyKind.PEOPLE_GOVERNMENT
    return None
