"""An official table as GitHub tables: spanned headers flattened into label paths, nothing lost.

GitHub tables have one header row and no spans. A row of the official table therefore shows its
label path (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密) and each column its path
(申请人情况 › 法人或其他组织 › 商业企业). Table 二's parts have different columns, so each run of
rows with the same columns becomes a table of its own, as the official template draws it.
"""

from __future__ import annotations

from itertools import groupby

from govreport.exporting import cell_text
from govreport.model import StatisticsTable
from govreport.spec import GridRole
from govreport_markdown.escape import escape

SEPARATOR = " › "


def _cell(text: str) -> str:
    return escape(text, block=False) or " "


def markdown_table(table: StatisticsTable, blank: str = "") -> str:
    spec = table.SPEC
    corner = next((cell.text for cell in spec.grid if cell.role is GridRole.CORNER), "")
    parts = []
    for _, run in groupby(spec.rows, key=lambda row: spec.columns_of(row.key)):
        rows = list(run)
        columns = spec.columns_of(rows[0].key)
        header = [corner or "项目", *(SEPARATOR.join(column.path) for column in columns)]
        lines = [
            "| " + " | ".join(_cell(text) for text in header) + " |",
            "| --- | " + " | ".join("---:" for _ in columns) + " |",
        ]
        for row in rows:
            values = [cell_text(table[row.key, column.key], blank) for column in columns]
            lines.append("| " + " | ".join(_cell(text) for text in [SEPARATOR.join(row.path), *values]) + " |")
        parts.append("\n".join(lines) + "\n")
    # A blank line after each table: a line of text right under a table would become a table row.
    return "\n".join(parts)
