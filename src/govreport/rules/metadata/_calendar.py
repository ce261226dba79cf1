"""The years a report can be of, and dates written the Chinese way."""

from __future__ import annotations

import datetime as dt


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


#: The years a report can be of. Outside them (0 is what an importer gives when it found no year)
#: there is no calendar year to compare periods and deadlines with, and the rules that need one stop.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def has_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR
