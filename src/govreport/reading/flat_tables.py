"""The flat-row recogniser: a statistics table from lines of text, by the spec's row labels.

Works on the shapes tables take as text: ``pdftotext -layout`` (cells separated by spaces,
labels broken across lines, the results group label written vertically, one character per line,
group labels beside the rows they group), web pages and markdown flattened to ``|`` or tab
separated cells (also mixed with plain lines), and our own ASCII drawing when its boxes were
edited out of shape. A row's values are the value cells that follow *its own label*; nothing is
found by counting numbers from the start of a section, so a year, a phone number or a digit in a
label never shifts a cell. A row whose values cannot be placed stays blank, with a finding.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Sequence

import attrs

from govreport.findings import Finding
from govreport.model import Cell, Paragraph
from govreport.reading.catalog import finding
from govreport.reading.chinese import normal_chars, normalize_label
from govreport.reading.document import TextLine
from govreport.reading.labels import MIN_FUZZY_LENGTH, MIN_SIMILARITY, Closeness, closeness, similarity
from govreport.reading.tables import TableRead, fill_group, read_cell, row_groups, where
from govreport.spec import GridRole, TableSpec

_VALUE = re.compile(r"^(\d[\d,，]*([.．]\d+)?|[/／]|[-－—–]{1,2}|不适用)$")
_SEPARATORS = re.compile(r"[|\t]")
# A markdown table's rule under its header: |---|:---:|
_MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


class Kind(enum.Enum):
    LABEL = "label"
    VALUE = "value"
    BLANK = "blank"  # an empty cell between separators: a blank value


@attrs.frozen(kw_only=True)
class Token:
    kind: Kind
    text: str
    line: int  # the position of its line among the table's lines
    index: int  # position in the token list
    #: whether its line separates cells with | or tabs (a row of cells), not with spaces
    separated: bool
    source: str | None  # where its line is in the input


def _is_value(text: str) -> bool:
    return bool(_VALUE.match(unicodedata.normalize("NFKC", text).strip()))


def _pieces(line: TextLine) -> tuple[list[str], bool]:
    text = line.text
    if _SEPARATORS.search(text):
        body = text.strip()
        body = body[1:] if body.startswith("|") else body
        body = body[:-1] if body.endswith("|") else body
        # A line of "|" cells is cut at "|" only: a tab there is a cell's text, not one cell more.
        pieces = body.split("|") if "|" in body else body.split("\t")
        return [piece.strip().strip("\u3000") for piece in pieces], True
    return text.split(), False


def tokenize(lines: Sequence[TextLine]) -> list[Token]:
    """Tokens in reading order: label texts, values, and (in rows of cells) empty cells."""
    tokens: list[Token] = []
    for position, line in enumerate(lines):
        if _MARKDOWN_RULE.match(line.text.strip()):
            continue
        pieces, separated = _pieces(line)
        for piece in pieces:
            if not piece:
                if not separated:
                    continue
                kind = Kind.BLANK
            else:
                kind = Kind.VALUE if _is_value(piece) else Kind.LABEL
            tokens.append(
                Token(
                    kind=kind,
                    text=piece,
                    line=position,
                    index=len(tokens),
                    separated=separated,
                    source=line.origin.source,
                )
            )
    return tokens


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


@functools.cache
def _label_sets(spec: TableSpec) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The normalised labels of the value rows, and of everything else the grid prints (groups, headers)."""
    rows = tuple(normalize_label(row.label) for row in spec.rows)
    others = tuple(
        normalize_label(cell.text)
        for cell in spec.grid
        if cell.text and cell.role is not GridRole.VALUE and normalize_label(cell.text) not in rows
    )
    return rows, others


def _is_furniture(text: str, spec: TableSpec) -> bool:
    """A piece of a group label or a header (他处理 of the group label 其他处理), and of no row label: it may
    stand between the lines of a row's label (a group label is printed beside its rows)."""
    rows, others = _label_sets(spec)
    return len(text) >= 2 and any(text in label for label in others) and not any(text in label for label in rows)


def _furniture_lines(tokens: Sequence[Token], spec: TableSpec) -> set[int]:
    """The label tokens of lines that together spell a group label or a header and nothing else
    (三 、本 年 度办 理 结果 as pdftotext sets a label written down the page): furniture, even the
    single characters that alone say too little."""
    rows, others = _label_sets(spec)
    by_line: dict[int, list[Token]] = {}
    for token in tokens:
        if token.kind is Kind.LABEL:
            by_line.setdefault(token.line, []).append(token)
    found: set[int] = set()
    for line_tokens in by_line.values():
        joined = "".join(normalize_label(t.text) for t in line_tokens)
        if (
            len(line_tokens) > 1
            and len(joined) >= 4
            and any(joined in label for label in others)
            and not any(joined in label for label in rows)
        ):
            found.update(t.index for t in line_tokens)
    return found


@attrs.frozen(kw_only=True)
class RowMatch:
    row: str
    tokens: tuple[int, ...]  # the label tokens the row's label was found in
    #: the label as printed, when it is not the format's (matched by closeness)
    printed: str | None = None


@attrs.frozen(kw_only=True)
class _Stream:
    """The label tokens' normalised texts joined, and for each character the token it came from."""

    text: str
    owner: tuple[int, ...]
    labels: tuple[Token, ...]
    pieces: tuple[str, ...]


def _stream(labels: Sequence[Token]) -> _Stream:
    pieces = [normalize_label(token.text) for token in labels]
    owner: list[int] = []
    for token, piece in zip(labels, pieces, strict=True):
        owner += [token.index] * len(piece)
    return _Stream(text="".join(pieces), owner=tuple(owner), labels=tuple(labels), pieces=tuple(pieces))


def match_rows(tokens: list[Token], spec: TableSpec, skip: set[int]) -> tuple[list[RowMatch], list[Token]]:
    """Each row label found in order in the stream of label tokens (pieces of group labels and
    headers left out), exactly or, failing that, by closeness between the rows found around it;
    and what else the tokens it was found in hold (规章3001 as pdftotext may glue them)."""
    furniture = _furniture_lines(tokens, spec)
    labels = [
        t
        for t in tokens
        if t.kind is Kind.LABEL
        and t.index not in skip
        and t.index not in furniture
        and not _is_furniture(normalize_label(t.text), spec)
    ]
    stream = _stream(labels)
    rows = [row.key for row in spec.rows]
    found: dict[str, tuple[int, int]] = {}  # row -> (start, end) in the stream
    position = 0
    for row_key in rows:
        label = normalize_label(spec.row(row_key).label)
        start = stream.text.find(label, position)
        if start >= 0:
            found[row_key] = (start, start + len(label))
            position = start + len(label)
    printed = _closest_rows(rows, found, stream, spec)
    matches = [
        RowMatch(
            row=row_key,
            tokens=tuple(sorted(set(stream.owner[found[row_key][0] : found[row_key][1]]))),
            printed=printed.get(row_key),
        )
        for row_key in rows
        if row_key in found
    ]
    in_labels = {p for start, end in found.values() for p in range(start, end)}
    return matches, _rest_of_label_tokens(stream, in_labels)


def _closest_rows(
    rows: Sequence[str], found: dict[str, tuple[int, int]], stream: _Stream, spec: TableSpec
) -> dict[str, str]:
    """Rows not found exactly, matched by closeness to the text between the rows found around them
    (``found`` is extended); the text each was printed as."""
    printed: dict[str, str] = {}
    for i, row_key in enumerate(rows):
        if row_key in found:
            continue
        label = normalize_label(spec.row(row_key).label)
        if len(label) < MIN_FUZZY_LENGTH:
            continue
        before = max((found[r][1] for r in rows[:i] if r in found), default=0)
        after = min((found[r][0] for r in rows[i + 1 :] if r in found), default=len(stream.text))
        window = _whole_tokens(stream, before, after)
        if window is None:
            continue
        start, end = window
        text = stream.text[start:end]
        # Only a window holding this one row's label: a window two missing rows share could be cut
        # in more than one way.
        shared = i + 1 < len(rows) and rows[i + 1] not in found
        if shared or not text:
            continue
        if similarity(label, text) < MIN_SIMILARITY:
            # Else one token of the window, and only one, close to the label (a label printed
            # without its first word, under a header whose words are misprinted).
            inside = _tokens_in(stream, start, end)
            offsets = _offsets(stream)
            close = [k for k in inside if closeness(label, stream.pieces[k]) not in (None, Closeness.EXACT)]
            if len(close) != 1:
                continue
            start = offsets[close[0]]
            end = start + len(stream.pieces[close[0]])
        found[row_key] = (start, end)
        printed[row_key] = " ".join(stream.labels[k].text for k in _tokens_in(stream, start, end))
    return printed


def _whole_tokens(stream: _Stream, start: int, end: int) -> tuple[int, int] | None:
    """The stream span of the label tokens lying wholly inside [start, end)."""
    inside = _tokens_in(stream, start, end)
    if not inside:
        return None
    offsets = _offsets(stream)
    first, last = inside[0], inside[-1]
    return offsets[first], offsets[last] + len(stream.pieces[last])


def _offsets(stream: _Stream) -> list[int]:
    offsets, at = [], 0
    for piece in stream.pieces:
        offsets.append(at)
        at += len(piece)
    return offsets


def _tokens_in(stream: _Stream, start: int, end: int) -> list[int]:
    """Positions in ``stream.labels`` of the tokens wholly inside [start, end)."""
    offsets = _offsets(stream)
    return [
        k
        for k, (offset, piece) in enumerate(zip(offsets, stream.pieces, strict=True))
        if piece and offset >= start and offset + len(piece) <= end
    ]


def _rest_of_label_tokens(stream: _Stream, in_labels: set[int]) -> list[Token]:
    """The runs of a label token's characters that are in no label found, as tokens of their own."""
    rest: list[Token] = []
    offset = 0
    for token, piece in zip(stream.labels, stream.pieces, strict=True):
        taken = [p in in_labels for p in range(offset, offset + len(piece))]
        offset += len(piece)
        if all(taken) or not any(taken):
            continue
        chars = normal_chars(token.text)
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
                rest.append(attrs.evolve(token, kind=kind, text=text))
                run = []
    return rest


def _table_lines(lines: Sequence[TextLine], notes: list[Paragraph]) -> list[TextLine]:
    """The lines that are the table's; a sentence under or above the table is a note."""
    table_lines: list[TextLine] = []
    for line in lines:
        if "。" in line.stripped and len(line.stripped) > 20 and not _SEPARATORS.search(line.text):
            notes.append(Paragraph(text=line.stripped))
        else:
            table_lines.append(line)
    return table_lines


def read_flat_table(spec: TableSpec, lines: Sequence[TextLine]) -> TableRead:
    findings: list[Finding] = []
    notes: list[Paragraph] = []
    tokens = tokenize(_table_lines(lines, notes))
    cells: dict[tuple[str, str], Cell] = {}
    extra: list[Token] = []
    if not any(t.kind is Kind.VALUE for t in tokens):
        findings.append(
            finding(
                "import.table_missing",
                f"第{spec.number}部分没有表格数据，表格各单元格均为空白",
                where(spec, source=lines[0].origin.source if lines else None),
            )
        )
        used: set[int] = set()
    elif spec.key == "review_litigation" and (single := _single_value_row(tokens, spec, cells, findings)):
        used = single  # the header labels are left to the leftovers, which know them from the spec
    else:
        used = _read_rows(tokens, spec, cells, findings, extra)
    _report_leftovers([*(t for t in tokens if t.index not in used), *extra], spec, notes, findings)
    return TableRead(cells=cells, notes=tuple(notes), findings=tuple(findings))


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


def _cell(token: Token, spec: TableSpec, address: tuple[str, str], findings: list[Finding]) -> Cell:
    return read_cell("" if token.kind is Kind.BLANK else token.text, spec, address, findings, token.source)


def _values_after(
    tokens: list[Token], first: int, last: int, end: int, skip: set[int], in_rows: set[int]
) -> list[Token]:
    """The value tokens that belong to a label found in tokens ``first``..``last``: in a row of cells,
    the cells after it on its line; in spaced text, the values after its first token up to the next
    label after its last one (a label wrapped over three lines may have its values on the middle one)."""
    values: list[Token] = []
    if tokens[last].separated:
        line = tokens[last].line
        values = [t for t in tokens[last + 1 : end] if t.line == line and t.index not in in_rows]
        return values
    for token in tokens[first + 1 : end]:
        if token.index in in_rows or token.index in skip or token.kind is Kind.BLANK:
            continue
        if token.kind is Kind.LABEL:
            if token.index > last:
                break  # a heading or a group label: the row's values are before it
            continue
        values.append(token)
    return values


def _fit(values: list[Token], columns: int) -> list[Token]:
    """A row of cells with more cells than columns: the empty cells a merged label left between it
    and the values are no values; nor are empty cells after a full row (a column the row does not
    have, as 表二's one-value rows in a four-column grid). Empty cells after a row with a blank in
    it are left (the row is then too long, and blank): one cell more made by a "|" typed into a
    cell would look the same."""
    while len(values) > columns and values[0].kind is Kind.BLANK:
        values = values[1:]
    fitted = values
    while len(fitted) > columns and fitted[-1].kind is Kind.BLANK:
        fitted = fitted[:-1]
    if any(token.kind is Kind.BLANK for token in fitted):
        return values
    return fitted


def _read_rows(
    tokens: list[Token],
    spec: TableSpec,
    cells: dict[tuple[str, str], Cell],
    findings: list[Finding],
    extra: list[Token],
) -> set[int]:
    """Each row's values, from the tokens after its label; the tokens used. Pieces of the label
    tokens that are no part of a label go to ``extra``."""
    skip = _vertical_fragments(tokens, spec)
    matches, rest = match_rows(tokens, spec, skip)
    extra.extend(rest)
    matched_rows = {m.row for m in matches}
    in_rows = {index for m in matches for index in m.tokens}
    used = set(skip) | in_rows
    for match in matches:
        if match.printed is not None:
            findings.append(
                finding(
                    "import.label_approximate",
                    f"表{spec.number}中印作“{match.printed}”的一行与格式中的“{spec.row(match.row).label}”最接近，按该行读取，请核对",
                    where(spec, row=match.row, source=tokens[match.tokens[0]].source),
                    found=match.printed,
                    expected=spec.row(match.row).label,
                )
            )
    ends = [m.tokens[0] for m in matches[1:]] + [len(tokens)] * bool(matches)
    for match, end in zip(matches, ends, strict=True):
        first, last = match.tokens[0], match.tokens[-1]
        columns = [column.key for column in spec.columns_of(match.row)]
        values = _fit(_values_after(tokens, first, last, end, skip, in_rows), len(columns))
        if len(values) != len(columns):
            findings.append(
                finding(
                    "import.row_unplaced",
                    f"“{spec.row(match.row).label}”一行找到{len(values)}个数值，应为{len(columns)}个，"
                    "无法确定各数值所在的列，该行按空白处理",
                    where(spec, row=match.row, source=tokens[first].source),
                )
            )
            continue
        for column, token in zip(columns, values, strict=True):
            cells[(match.row, column)] = _cell(token, spec, (match.row, column), findings)
            used.add(token.index)
    used |= _group_rows(tokens, spec, matches, cells, findings, used)
    for row in (row.key for row in spec.rows):
        if row not in matched_rows and not any((row, c.key) in cells for c in spec.columns_of(row)):
            findings.append(
                finding(
                    "import.row_missing",
                    f"第{spec.number}部分的表格中没有找到“{spec.row(row).label}”一行，该行按空白处理",
                    where(spec, row=row),
                )
            )
    return used


def _group_rows(
    tokens: list[Token],
    spec: TableSpec,
    matches: list[RowMatch],
    cells: dict[tuple[str, str], Cell],
    findings: list[Finding],
    used: set[int],
) -> set[int]:
    """Groups whose rows were all missing but whose own label has a row of values after it
    (the group 其他处理 and 0 in each column): their sub-rows as far as that row tells. The tokens used."""
    matched = {m.row for m in matches}
    taken: set[int] = set()
    for group in row_groups(spec):
        if any(row in matched for row in group.rows):
            continue
        label = normalize_label(group.label)
        candidates = [t for t in tokens if t.kind is Kind.LABEL and t.index not in used]
        hit = next((t for t in candidates if normalize_label(t.text) == label), None)
        if hit is None:
            continue
        columns = [column.key for column in spec.columns_of(group.rows[0])]
        end = next(
            (t.index for t in tokens[hit.index + 1 :] if t.kind is Kind.LABEL and t.index not in used), len(tokens)
        )
        values = _fit(_values_after(tokens, hit.index, hit.index, end, set(), set()), len(columns))
        if len(values) != len(columns) or any(v.index in used for v in values):
            continue
        read = {
            column: _cell(token, spec, (group.rows[0], column), findings)
            for column, token in zip(columns, values, strict=True)
        }
        fill_group(spec, group, read, cells, findings, hit.source)
        taken |= {hit.index, *(v.index for v in values)}
    return taken


def _report_leftovers(tokens: list[Token], spec: TableSpec, notes: list[Paragraph], findings: list[Finding]) -> None:
    """What no row took: pieces of the spec's labels are the table's own; other text becomes a
    note, a number a finding."""
    known = [normalize_label(cell.text) for cell in spec.grid if cell.text]
    stray_labels: dict[int, tuple[str | None, list[str]]] = {}
    for token in sorted(tokens, key=lambda t: t.index):
        if token.kind is Kind.BLANK:
            continue
        text = normalize_label(token.text)
        if token.kind is Kind.LABEL and not text.isascii() and any(text in label for label in known):
            continue  # a header or a piece of one (a bare "(" or "1." says too little to be taken for one)
        if token.kind is Kind.LABEL:
            stray_labels.setdefault(token.line, (token.source, []))[1].append(token.text)
            continue
        findings.append(
            finding(
                "import.value_unplaced",
                f"表格中的数值“{token.text}”不属于任何已识别的行，未导入",
                where(spec, source=token.source),
                found=token.text,
            )
        )
    for source, pieces in stray_labels.values():
        text = " ".join(pieces)
        notes.append(Paragraph(text=text))
        findings.append(
            finding(
                "import.text_unplaced",
                f"表格中有无法识别的文字“{text}”，已作为表注保留",
                where(spec, source=source),
                found=text,
            )
        )
