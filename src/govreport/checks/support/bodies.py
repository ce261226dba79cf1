"""The administrative level of a reporting body, from its kind and its name.

Only a people's government of a province or of a 设区的市 makes 规章 (besides the State Council's
departments), so a county-level or township body that reports 规章 has filled in the wrong row.
The level can only be guessed from a name: 县, 区 and 旗 mark a county-level body, 乡, 镇 and 街道
a township. 自治区 (a province) and 地区 (a prefecture) are the exceptions that look alike.
"""

from __future__ import annotations

import enum
import re

from govreport.reading.chinese import TOWNSHIP_NAME, body_kind_of_name
from govreport.spec import BodyKind


class Level(enum.StrEnum):
    TOWNSHIP = "township"
    COUNTY = "county"
    UNKNOWN = "unknown"  # a city, a province, a ministry, or a name that does not say


# 区 but not 自治区 (a province), 地区 (a prefecture), 区域 or 区划 (ordinary words).
_COUNTY = re.compile(r"[县旗]|(?<!自治)(?<!地)区(?!域|划)")


def body_level(name: str, kind: BodyKind) -> Level:
    """The level of the body: township, county, or unknown (city or above, or not told)."""
    if kind is BodyKind.TOWNSHIP or TOWNSHIP_NAME.search(name):
        return Level.TOWNSHIP
    if _COUNTY.search(name):
        return Level.COUNTY
    return Level.UNKNOWN


def name_suggests_kind(name: str) -> BodyKind | None:
    """The kind a body's name plainly says, when it does: a township, or a people's government
    (the same reading of names as the importers', :func:`govreport.reading.chinese.body_kind_of_name`)."""
    kind = body_kind_of_name(name)
    return kind if kind in (BodyKind.TOWNSHIP, BodyKind.PEOPLE_GOVERNMENT) else None
