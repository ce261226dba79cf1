"""Reading a statistics table from text by matching the spec's row labels.

Works on the shapes tables take in text: ``pdftotext -layout`` (cells separated by spaces,
labels broken across lines, the results group label written vertically, one character per line),
``pdftotext`` raw (one cell per line) and web pages flattened to ``|`` or tab separated
cells. A row's values are the value cells that follow *its own label*; nothing is found by
counting numbers from the start of a section, so a year, a phone number or a digit in a label
never shifts a cell. A row whose values cannot be placed stays blank, with a finding.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Sequence

import attrs

from govreport.findings import Finding, Location, Severity
from govreport.importers.text_lines import Line
from govreport.model import Cell, Paragraph
from govreport.spec import GridRole, TableSpec

_VALUE = re.compile(r"^(\d[\d,，]*([.．]\d+)?|[/／]|[-－—–]{1,2}|不适用)$")


class Kind(enum.Enum):
    LABEL = "label"
    VALUE = "value"
    BLANK = "blank"  # an empty cell between separators: a blank value, in line mode only


@attrs.frozen(kw_only=True)
class Token:
    kind: Kind
    text: str
    line: int
    index: int  # position in the token list


_IGNORED_IN_LABELS = re.compile(r"[\s\"'“”‘’「」『』]")


def _normal_chars(text: str) -> list[tuple[str, int]]:
    """:func:`normalize_label` one character at a time (slower): each character of the result with
    the index of the character of ``text`` it came from, to cut the text as written."""
    chars: list[tuple[str, int]] = []
    for place, char in enumerate(text):
        normal = unicodedata.normalize("NFKC", char)
        chars += [(piece, place) for piece in normal if not _IGNORED_IN_LABELS.match(piece)]
    for k in range(1, len(chars)):
        if chars[k][0] in "、," and chars[k - 1][0].isdecimal():
            chars[k] = (".", chars[k][1])
    return chars


def normalize_label(text: str) -> str:
    """A label for matching: NFKC, no spaces or quotes, "1、" and "1．" as "1."."""
    normal = unicodedata.normalize("NFKC", text)
    normal = _IGNORED_IN_LABELS.sub("", normal)
    return re.sub(r"(\d)[、,]", r"\1.", normal)


def _is_value(text: str) -> bool:
    return bool(_VALUE.match(unicodedata.normalize("NFKC", text).strip()))


def tokenize(lines: Sequence[Line]) -> tuple[list[Token], bool]:
    """Tokens in reading order, and whether cells were separated by | or tabs (line mode)."""
    line_mode = any("|" in line.text or "\t" in line.text for line in lines)
    tokens: list[Token] = []
    for line in lines:
        if line_mode:
            body = line.text.strip()
            body = body[1:] if body.startswith("|") else body
            body = body[:-1] if body.endswith("|") else body
            pieces = [piece.strip().strip("\u3000") for piece in re.split(r"[|\t]", body)]
        else:
            pieces = line.text.split()
        for piece in pieces:
            if not piece:
                kind = Kind.BLANK if line_mode else None
                if kind is None:
                    continue
            else:
                kind = Kind.VALUE if _is_value(piece) else Kind.LABEL
            tokens.append(Token(kind=kind, text=piece, line=line.number, index=len(tokens)))
    return tokens, line_mode


def _vertical_fragments(tokens: list[Token], spec: TableSpec) -> set[int]:
    """Tokens that are single characters of a label written vertically (the results group of table 三)."""
    tall = [normalize_label(cell.text) for cell in spec.grid if cell.rowspan > 2 and cell.text]
    singles = [t for t in tokens if t.kind is Kind.LABEL and len(normalize_label(t.text)) == 1]
    spelled = "".join(normalize_label(t.text) for t in singles)
    ignored: set[int] = set()
    for label in tall:
        start = spelled.find(label)
        if start >= 0:
            ignored.update(t.index for t in singles[start : start + len(label)])
    return ignored


@attrs.frozen(kw_only=True)
class RowMatch:
    row: str
    tokens: tuple[int, ...]  # the label tokens the row's label was found in


def match_rows(
    tokens: list[Token], spec: TableSpec, skip: set[int], rows: Sequence[str]
) -> tuple[list[RowMatch], list[Token]]:
    """Each row label found in order in the stream of label tokens, and what else the tokens it
    was found in hold (规章3001 as pdftotext may glue them): pieces of those tokens, as written."""
    labels = [t for t in tokens if t.kind is Kind.LABEL and t.index not in skip]
    pieces = [normalize_label(token.text) for token in labels]
    stream = "".join(pieces)
    owner: list[int] = []  # for each character of the stream, the token it came from
    for token, piece in zip(labels, pieces, strict=True):
        owner += [token.index] * len(piece)
    matches: list[RowMatch] = []
    in_labels: set[int] = set()  # stream positions inside a label found
    position = 0
    for row_key in rows:
        label = normalize_label(spec.row(row_key).label)
        found = stream.find(label, position)
        if found < 0:
            continue
        covered = tuple(sorted(set(owner[found : found + len(label)])))
        matches.append(RowMatch(row=row_key, tokens=covered))
        in_labels.update(range(found, found + len(label)))
        position = found + len(label)
    return matches, _rest_of_label_tokens(labels, pieces, in_labels)


def _rest_of_label_tokens(labels: Sequence[Token], pieces: Sequence[str], in_labels: set[int]) -> list[Token]:
    """The runs of a label token's characters that are in no label found, as tokens of their own."""
    rest: list[Token] = []
    offset = 0
    for token, piece in zip(labels, pieces, strict=True):
        taken = [p in in_labels for p in range(offset, offset + len(piece))]
        offset += len(piece)
        if all(taken) or not any(taken):
            continue
        chars = _normal_chars(token.text)
        if "".join(char for char, _place in chars) != piece:  # a form read differently character by character
            rest.append(token)
            continue
        run: list[int] = []
        for k, is_taken in enumerate([*taken, True]):
            if not is_taken:
                run.append(k)
                continue
            if run:
                text = token.text[chars[run[0]][1] : chars[run[-1]][1] + 1]
                kind = Kind.VALUE if _is_value(text) else Kind.LABEL
                rest.append(Token(kind=kind, text=text, line=token.line, index=token.index))
                run = []
    return rest


def _finding(
    rule: str, severity: Severity, message: str, spec: TableSpec, found: str | None = None, **location: str | None
) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        location=Location(section=spec.key, table=spec.key, **location),
        found=found,
    )


@attrs.frozen(kw_only=True)
class TableText:
    """What a table's text gave: cells by address, notes (text not part of the table), findings."""

    cells: dict[tuple[str, str], Cell]
    notes: tuple[Paragraph, ...]
    findings: tuple[Finding, ...]


def read_table(spec: TableSpec, lines: Sequence[Line]) -> TableText:
    findings: list[Finding] = []
    notes: list[Paragraph] = []
    table_lines: list[Line] = []
    for line in lines:
        # A sentence under or above the table is a note, not table content.
        if "。" in line.stripped and len(line.stripped) > 20 and "|" not in line.text:
            notes.append(Paragraph(text=line.stripped))
        else:
            table_lines.append(line)
    tokens, line_mode = tokenize(table_lines)
    cells: dict[tuple[str, str], Cell] = {}
    extra: list[Token] = []
    if not any(t.kind is Kind.VALUE for t in tokens):
        findings.append(
            _finding(
                "import.table_missing",
                Severity.WARNING,
                f"第{spec.number}部分没有表格数据，表格各单元格均为空白",
                spec,
            )
        )
        used: set[int] = set()
    elif spec.key == "review_litigation" and (single := _single_value_row(tokens, spec, cells, findings)):
        used = single  # the header labels are left to the leftovers, which know them from the spec
    else:
        used = _read_rows(tokens, line_mode, spec, cells, findings, extra)
    _report_leftovers([*(t for t in tokens if t.index not in used), *extra], spec, notes, findings)
    return TableText(cells=cells, notes=tuple(notes), findings=tuple(findings))


def _single_value_row(
    tokens: list[Token], spec: TableSpec, cells: dict[tuple[str, str], Cell], findings: list[Finding]
) -> set[int]:
    """Table 四 as printed: headers, then one row of 15 values in the grid's order.

    The tokens read as values; none when the table is not in that shape."""
    last_label = max((t.index for t in tokens if t.kind is Kind.LABEL), default=-1)
    trailing = [t for t in tokens[last_label + 1 :] if t.kind is not Kind.LABEL]
    if len(trailing) != len(spec.cells):
        return set()
    order = [cell.value for cell in spec.grid if cell.role is GridRole.VALUE and cell.value is not None]
    for address, token in zip(sorted(order, key=lambda a: _grid_column(spec, a)), trailing, strict=True):
        cells[address] = _cell(token, spec, address, findings)
    return {token.index for token in trailing}


def _grid_column(spec: TableSpec, address: tuple[str, str]) -> int:
    return next(cell.column for cell in spec.grid if cell.value == address)


def read_cell(text: str, spec: TableSpec, address: tuple[str, str], findings: list[Finding]) -> Cell:
    """A cell from its printed text; text that is no number or mark stays as a blank cell's raw
    text, with a finding naming the cell."""
    cell = Cell.from_text(text, spec.cells[spec.cell_index[address]].kind)
    if cell.is_blank and cell.raw is not None:
        findings.append(
            _finding(
                "import.cell_unreadable",
                Severity.WARNING,
                f"“{text}”不是有效的数值，该单元格按空白处理",
                spec,
                found=text,
                row=address[0],
                column=address[1],
            )
        )
    return cell


def _cell(token: Token, spec: TableSpec, address: tuple[str, str], findings: list[Finding]) -> Cell:
    return read_cell("" if token.kind is Kind.BLANK else token.text, spec, address, findings)


def _read_rows(
    tokens: list[Token],
    line_mode: bool,
    spec: TableSpec,
    cells: dict[tuple[str, str], Cell],
    findings: list[Finding],
    extra: list[Token],
) -> set[int]:
    """Each row's values, from the tokens after its label; the tokens used. Pieces of the label
    tokens that are no part of a label go to ``extra``."""
    skip = _vertical_fragments(tokens, spec)
    rows = [row.key for row in spec.rows]
    matches, rest = match_rows(tokens, spec, skip, rows)
    extra.extend(rest)
    matched_rows = {m.row for m in matches}
    for row in rows:
        if row not in matched_rows:
            findings.append(
                _finding(
                    "import.row_missing",
                    Severity.WARNING,
                    f"第{spec.number}部分的表格中没有找到“{spec.row(row).label}”一行，该行按空白处理",
                    spec,
                    row=row,
                )
            )
    in_rows = {index for m in matches for index in m.tokens}
    used = set(skip) | in_rows
    for i, match in enumerate(matches):
        first, last = match.tokens[0], match.tokens[-1]
        end = matches[i + 1].tokens[0] if i + 1 < len(matches) else len(tokens)
        values: list[Token] = []
        for token in tokens[first + 1 : end]:
            if token.index in in_rows or token.index in skip:
                continue
            if line_mode:
                # A line-structured table: the row's cells are what follows its label on its line,
                # text that is not a number included (it becomes a blank cell with a finding).
                if token.index > last and token.line == tokens[last].line:
                    values.append(token)
                continue
            if token.kind is Kind.LABEL:
                if token.index > last:
                    break  # a heading or a group label: the row's values are before it
                continue
            values.append(token)
        columns = [column.key for column in spec.columns_of(match.row)]
        if line_mode and len(values) > len(columns) and all(v.kind is Kind.BLANK for v in values[len(columns) :]):
            values = values[: len(columns)]  # empty extra columns
        if len(values) != len(columns):
            findings.append(
                _finding(
                    "import.row_unplaced",
                    Severity.WARNING,
                    f"“{spec.row(match.row).label}”一行找到{len(values)}个数值，应为{len(columns)}个，"
                    "无法确定各数值所在的列，该行按空白处理",
                    spec,
                    row=match.row,
                    source=f"line {tokens[first].line}",
                )
            )
            continue
        for column, token in zip(columns, values, strict=True):
            cells[(match.row, column)] = _cell(token, spec, (match.row, column), findings)
            used.add(token.index)
    return used


def _report_leftovers(tokens: list[Token], spec: TableSpec, notes: list[Paragraph], findings: list[Finding]) -> None:
    """What no row took: pieces of the spec's labels are the table's own; other text becomes a
    note, a number a finding."""
    known = [normalize_label(cell.text) for cell in spec.grid if cell.text]
    stray_labels: dict[int, list[str]] = {}
    for token in sorted(tokens, key=lambda t: t.index):
        if token.kind is Kind.BLANK:
            continue
        text = normalize_label(token.text)
        if token.kind is Kind.LABEL and not text.isascii() and any(text in label for label in known):
            continue  # a header or a piece of one (a bare "(" or "1." says too little to be taken for one)
        if token.kind is Kind.LABEL:
            stray_labels.setdefault(token.line, []).append(token.text)
            continue
        findings.append(
            _finding(
                "import.value_unplaced",
                Severity.WARNING,
                f"表格中的数值“{token.text}”不属于任何已识别的行，未导入",
                spec,
                found=token.text,
                source=f"line {token.line}",
            )
        )
    for line, pieces in stray_labels.items():
        text = " ".join(pieces)
        notes.append(Paragraph(text=text))
        findings.append(
            _finding(
                "import.text_unplaced",
                Severity.INFO,
                f"表格中有无法识别的文字“{text}”，已作为表注保留",
                spec,
                found=text,
                source=f"line {line}",
            )
        )
