"""Findings: what an importer or a check noticed about a report, with a precise location.

A location names things by their stable keys (``section="applications"``, ``row="granted"``);
the official labels are derived from :mod:`govreport.spec` on demand, so a key and its label
can never disagree and no label is spelled here.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Any

import attrs

from govreport.spec import SECTION_INDEX, TABLES, TableSpec


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


#: Parts of a report that are not one of the six sections, as a finding's ``section``.
#: (Descriptive names, not official labels.)
OTHER_PARTS: dict[str, str] = {
    "metadata": "基本信息",
    "title": "标题",
    "preamble": "前言",
    "signature": "落款",
}

_TABLES: dict[str, TableSpec] = {table.key: table for table in TABLES}

#: The languages findings are printed in: Chinese, the report's own (the default), and English.
LANGUAGES = ("zh", "en")
SEVERITY_WORDS: dict[str, dict[Severity, str]] = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}

# Where in the input a finding is, as importers write it (machine-style English), and in the report's
# own terms. Line numbers are as the importer counts them.
_SOURCE_IN_CHINESE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"page (\d+), line (\d+)"), r"第\1页第\2行"),
    (re.compile(r"line (\d+)"), r"第\1行"),
    (re.compile(r"page (\d+)"), r"第\1页"),
    (re.compile(r"paragraph (\d+)"), r"第\1段"),
    (re.compile(r"table at position (\d+), row (\d+), column (\d+)"), r"第\1个表格第\2行第\3列"),
    (re.compile(r"table at position (\d+)"), r"第\1个表格"),
    (re.compile(r"annotations"), "文末的结构标注"),
    (re.compile(r"document body|document"), "正文"),
    (re.compile(r"check (\S+)"), r"检查规则 \1"),
    (re.compile(r"(word/header\d*\.xml)"), r"页眉（\1）"),
    (re.compile(r"(word/footer\d*\.xml)"), r"页脚（\1）"),
    (re.compile(r"(word/footnotes\.xml)"), r"脚注（\1）"),
    (re.compile(r"(word/endnotes\.xml)"), r"尾注（\1）"),
    (re.compile(r"(word/comments\.xml)"), r"批注（\1）"),
)


_PIECE_IN_CHINESE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"page (\d+)"), r"第\1页"),
    (re.compile(r"line (\d+)"), r"第\1行"),
    (re.compile(r"table at position (\d+)"), r"正文第\1项的表格"),
    (re.compile(r"table (\d+)"), r"第\1个表格"),
    (re.compile(r"row (\d+)"), r"第\1行"),
    (re.compile(r"column (\d+)"), r"第\1列"),
    (re.compile(r"paragraph (\d+)"), r"第\1段"),
    (re.compile(r"section (\d+)"), r"第\1节"),
    (re.compile(r"(first page |even page )?(header|footer)"), r"\1\2"),
    (re.compile(r"the page's title"), "网页标题"),
    (re.compile(r"/html(/[\w\[\]/]*)?"), r"网页元素 \g<0>"),
)
# Pieces that read on from the one before without a comma: 第3页第4行, 第2个表格第3行第4列.
_GOES_ON = {("page", "line"), ("table", "row"), ("row", "column"), ("section", "header"), ("section", "footer")}
_HEADER_WORDS = {"header": "页眉", "footer": "页脚", "first page ": "首页", "even page ": "偶数页"}


def _piece_in_chinese(piece: str) -> str | None:
    for pattern, replacement in _PIECE_IN_CHINESE:
        match = pattern.fullmatch(piece)
        if match:
            text = pattern.sub(replacement, piece)
            for english, chinese in _HEADER_WORDS.items():
                text = text.replace(english, chinese)
            return text
    return None


def _kind(piece: str) -> str:
    return piece.split(" ")[0] if not piece.endswith(("header", "footer")) else piece.rsplit(" ", 1)[-1]


def source_in_chinese(source: str) -> str:
    """A place in the input ("line 12", "page 3, line 4", "table at position 2, row 3, column 4",
    "page 3, table 2, row 5, column 4", "word/header1.xml") in the report's terms (第12行, 第3页第4行,
    正文第2项的表格第3行第4列, 第3页第2个表格第5行第4列, 页眉（…）). A JSON path (``$.applications…``)
    and anything not of these forms are kept as they are."""
    for pattern, replacement in _SOURCE_IN_CHINESE:
        if pattern.fullmatch(source) and not pattern.pattern.startswith(("line", "page", "table", "paragraph")):
            return pattern.sub(replacement, source)
    pieces = source.split(", ")
    translated = [_piece_in_chinese(piece) for piece in pieces]
    if any(text is None for text in translated):
        return source
    out = ""
    for k, (piece, text) in enumerate(zip(pieces, translated, strict=True)):
        if k and (_kind(pieces[k - 1]), _kind(piece)) not in _GOES_ON:
            out += "，"
        out += text or ""
    return out


_LOCATION_FIELDS = (
    "section",
    "section_title",
    "table",
    "table_label",
    "row",
    "row_label",
    "column",
    "column_label",
    "paragraph",
    "part",
    "excerpt",
    "source",
)


def _paragraph(value: int | str | None) -> int | None:
    # Accepts "3" as well as 3, so that callers passing location fields as text keep working.
    return None if value is None else int(value)


def _path_label(path: tuple[str, ...]) -> str:
    return " › ".join(part for part in path if part)


@attrs.frozen(kw_only=True)
class Location:
    """Where a finding is: a section, a table cell by keys, a paragraph, and/or a place in the source file.

    ``paragraph`` counts the blocks of the section from 1 (sub-headings and items included), ``part``
    is the sub-heading the paragraph stands under, and ``excerpt`` quotes the text in question.
    """

    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    #: a place in the input: "line 12", "$.applications.cells.granted", "table 2, row 3"
    source: str | None = None
    paragraph: int | None = attrs.field(default=None, converter=_paragraph)
    part: str | None = None
    excerpt: str | None = None

    # -- labels, derived from the spec --------------------------------------------------------

    @property
    def section_title(self) -> str | None:
        """The section's heading (一、…), or a descriptive name for 标题, 前言, 落款…"""
        if self.section is None:
            return None
        spec = SECTION_INDEX.get(self.section)
        if spec is not None:
            return spec.heading
        return OTHER_PARTS.get(self.section, self.section)

    @property
    def table_spec(self) -> TableSpec | None:
        return _TABLES.get(self.table) if self.table is not None else None

    @property
    def table_label(self) -> str | None:
        """The heading the table stands under (it has no caption of its own)."""
        spec = self.table_spec
        return spec.caption if spec is not None else None

    @property
    def row_label(self) -> str | None:
        """The row's label with its groups, outermost first, joined by " › "."""
        spec = self.table_spec
        if spec is None or self.row is None or self.row not in spec.row_index:
            return None
        return _path_label(spec.row_index[self.row].path)

    @property
    def column_label(self) -> str | None:
        """The column's label with its groups, outermost first, joined by " › "."""
        spec = self.table_spec
        if spec is None or self.column is None or self.column not in spec.column_index:
            return None
        return _path_label(spec.column_index[self.column].path)

    # -- output ----------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Keys and labels of every part that is set (JSON-ready)."""
        data: dict[str, Any] = {}
        for name in _LOCATION_FIELDS:
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        return data

    def describe(self, lang: str = "zh") -> str:
        """Where it is, in words a person can follow in the document: in Chinese, the report's own
        terms (表三「…」行「…」列, 第2段, 第12行); with ``lang="en"``, in English with the keys."""
        if lang == "en":
            return self._in_english()
        parts: list[str] = []
        if self.table is not None and self.table_spec is not None:
            spec = self.table_spec
            cell = f"表{spec.number}"
            if self.row_label:
                cell += f"「{self.row_label}」行"
            if self.column_label:
                cell += f"「{self.column_label}」列"
            parts.append(cell)
        if self.paragraph is not None or self.part is not None:
            where = self.section_title or ""
            if self.part:
                where += f" › {self.part}"
            if self.paragraph is not None:
                where += f" › 第{self.paragraph}段"
            parts.append(where.strip(" ›"))
        elif self.section is not None and self.table is None:
            parts.append(self.section_title or self.section)
        if self.excerpt:
            parts.append(f"「{self.excerpt}」")
        if self.source:
            parts.append(source_in_chinese(self.source))
        return "；".join(parts)

    def _in_english(self) -> str:
        parts: list[str] = []
        if self.table is not None:
            spec = self.table_spec
            cell = f"table {spec.number} ({self.table})" if spec is not None else f"table {self.table}"
            if self.row is not None:
                cell += f", row {self.row}"
            if self.column is not None:
                cell += f", column {self.column}"
            parts.append(cell)
        if self.section is not None and (self.table is None or self.section != self.table):
            where = f"section {self.section}"
            if self.part:
                where += f" › {self.part}"
            if self.paragraph is not None:
                where += f", paragraph {self.paragraph}"
            parts.append(where)
        if self.excerpt:
            parts.append(f"“{self.excerpt}”")
        if self.source:
            parts.append(self.source)
        return "; ".join(parts)

    def __str__(self) -> str:
        return self.describe()


@attrs.frozen(kw_only=True)
class Finding:
    """One thing worth a reviewer's attention. ``rule`` is a stable id such as ``import.debris``.

    For arithmetic, ``formula`` is the identity that failed (with the row or column it was
    applied to), ``expected`` and ``found`` its two sides, and ``cells`` every cell it adds up,
    so that whichever cell is wrong, the finding names it.
    """

    rule: str
    severity: Severity = attrs.field(converter=Severity)
    message: str
    location: Location = attrs.Factory(Location)
    expected: str | None = None
    found: str | None = None
    formula: str | None = None
    cells: tuple[Location, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.to_dict(),
        }
        for name in ("formula", "expected", "found"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.cells:
            data["cells"] = [cell.to_dict() for cell in self.cells]
        return data

    def describe(self, lang: str = "zh") -> str:
        """One line: severity, message and rule id, and where it is (see :meth:`Location.describe`).
        The message is the rule's own, in Chinese; ``lang="en"`` puts everything around it in English."""
        severity = SEVERITY_WORDS.get(lang, SEVERITY_WORDS["zh"])[self.severity]
        where = self.location.describe(lang)
        if lang == "en":
            return f"{severity}: {self.message} [{self.rule}]" + (f" ({where})" if where else "")
        return f"{severity}：{self.message} [{self.rule}]" + (f"（位置：{where}）" if where else "")

    def __str__(self) -> str:
        return self.describe()


#: How many findings of one rule the command line prints for one input before it counts the rest:
#: a broken file can make hundreds of thousands (every line a page mark), which nobody reads.
PRINTED_PER_RULE = 20


def finding_lines(
    source: str, findings: Iterable[Finding], per_rule: int = PRINTED_PER_RULE, *, lang: str = "zh"
) -> list[str]:
    """One line per finding, ``SOURCE: FINDING``; past ``per_rule`` of one rule, one line that
    counts the others (the JSON the importer returns still has them all)."""
    lines: list[str] = []
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
        if counts[finding.rule] <= per_rule:
            lines.append(f"{source}: {finding.describe(lang)}")
    for rule, count in counts.items():
        if count > per_rule:
            more = (
                f"另有{count - per_rule}个{rule}问题"
                if lang != "en"
                else f"and {count - per_rule} more {rule} findings"
            )
            lines.append(f"{source}: ... {more}")
    return lines
