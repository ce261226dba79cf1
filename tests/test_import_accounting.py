"""Nothing is lost on import: every character of the input lands in the model or in a finding.

The accounting (see docs/robustness.md, "Nothing lost on import"): the input is reduced to its
significant characters (whitespace and table rules are not), and each is *claimed* by what the
import produced — a text the model holds (found at a place in the input not claimed yet, so a
paragraph printed twice and imported once leaves one copy unclaimed), a number a table cell holds
(claimed as a whole token of its table's section), the quoted text of a finding, or structure the
importer recognised (a section heading it found, a piece of a table label of the spec). What no one
claims was dropped, and the test prints it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree as ET

import attrs
import docx
import pytest

import govreport as g
import text_fixtures
from govreport.exporting import format_date
from govreport.importers.docx import read_docx
from govreport.importers.text import read_text
from govreport.spec import SECTIONS, TABLES, TableSpec
from test_docx import without_record  # the file as a tool that drops custom properties saves it

ROOT = Path(__file__).parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed-wangfu-2022.txt"
TEMPLATE = ROOT / "tests" / "fixtures" / "official-template-2021.docx"
EXAMPLES = sorted((ROOT / "examples").glob("*/report.json"))

# Table rules and borders: ASCII drawing characters and the box-drawing block.
_RULES = frozenset("|+-") | frozenset(chr(c) for c in range(0x2500, 0x2580))
_INVISIBLE = frozenset("\ufeff\u200b\u200c\u200d\u2060\u00ad")
_QUOTES = re.compile(r"[\"'“”‘’「」『』]")


def _fold(char: str) -> str:
    """One character as compared: full-width forms as their ASCII (NFKC), one character for one."""
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def _significant(char: str) -> bool:
    return not char.isspace() and char not in _RULES and char not in _INVISIBLE


@functools.cache
def _needle(text: str) -> str:
    return "".join(_fold(char) for char in text if _significant(char))


def _label_key(text: str) -> str:
    """A label piece as the spec and the input may both write it: no quotes, "1、" as "1."."""
    return re.sub(r"(\d)[、,]", r"\1.", _QUOTES.sub("", text))


@attrs.define
class Ledger:
    """The input's significant characters and who has claimed each one."""

    text: str
    places: list[int]  # for each significant character, its index in ``text``
    keys: str  # the significant characters, folded
    claimed: list[bool]

    lines: list[int]  # for each line, counted as the text importer counts them, its first significant character

    @classmethod
    def of(cls, text: str) -> Ledger:
        places = [i for i, char in enumerate(text) if _significant(char)]
        keys = "".join(_fold(text[i]) for i in places)
        # As an editor counts lines: a form feed (a new page) is no line break.
        breaks = [m.end() for m in re.finditer(r"\r\n|[\r\n]", text)]
        lines = [bisect.bisect_left(places, offset) for offset in (0, *breaks)]
        return cls(text=text, places=places, keys=keys, claimed=[False] * len(places), lines=lines)

    def line(self, number: int) -> tuple[int, int]:
        """The significant characters of a line (1-based)."""
        if not 1 <= number <= len(self.lines):
            return 0, len(self.keys)
        end = self.lines[number] if number < len(self.lines) else len(self.keys)
        return self.lines[number - 1], end

    def fresh(self, start: int, length: int) -> bool:
        return not any(self.claimed[start : start + length])

    def claim(self, text: str, lo: int = 0, hi: int | None = None, *, fresh: bool = True) -> bool:
        """Claim one occurrence of ``text`` between lo and hi, one not claimed yet unless ``fresh`` is False."""
        needle = _needle(text)
        if not needle:
            return True
        hi = len(self.keys) if hi is None else hi
        start = self.keys.find(needle, lo, hi)
        first = start
        while start >= 0 and fresh and not self.fresh(start, len(needle)):
            start = self.keys.find(needle, start + 1, hi)
        if start < 0:
            if fresh or first < 0:
                return False
            start = first
        for i in range(start, start + len(needle)):
            self.claimed[i] = True
        return True

    def tokens(self, lo: int, hi: int) -> Iterator[tuple[int, int]]:
        """Runs of significant characters written together (no space or rule between), as (start, end)."""
        start = lo
        for i in range(lo + 1, hi + 1):
            if i == hi or self.places[i] != self.places[i - 1] + 1:
                if start < i:
                    yield start, i
                start = i

    def unclaimed(self) -> list[Loss]:
        """The runs of the input no one claimed, as written (with what stands between their characters)."""
        runs: list[Loss] = []
        start: int | None = None
        for i, taken in enumerate([*self.claimed, True]):
            if not taken and start is None:
                start = i
            elif taken and start is not None:
                line = bisect.bisect_right(self.lines, start)
                runs.append(Loss(line=line, text=self.text[self.places[start] : self.places[i - 1] + 1]))
                start = None
        return runs


class Loss(NamedTuple):
    """A run of the input that did not land: its text as written and its line (as the text importer counts)."""

    line: int
    text: str


# -- what an import holds ---------------------------------------------------------------------------


def _block_texts(blocks: Iterable[g.Block]) -> Iterator[str]:
    for block in blocks:
        yield block.text if isinstance(block, g.Paragraph) else block.number + block.text


def _remediation_texts(remediation: g.Remediation) -> Iterator[str]:
    yield from _block_texts(remediation.intro)
    for part in (remediation.previous, remediation.problems, remediation.measures):
        if part.heading is not None:
            yield from _block_texts((part.heading,))
        yield from _block_texts(part.intro)
        for item in part.items:
            restated = item.problem if isinstance(item, g.Rectification) else ""
            yield item.number + restated + item.text
    yield from _block_texts(remediation.closing)


def _section_texts(report: g.Report) -> dict[str, list[str]]:
    """The texts of each part of the report, by section key ("front" for the title and preamble)."""
    meta = report.metadata
    # A canonical title is stored as the body and the year; printed, it may break between them.
    title = (
        [meta.display_title] if meta.title else [meta.issuing_body, meta.display_title.removeprefix(meta.issuing_body)]
    )
    texts: dict[str, list[str]] = {
        "front": [*title, *_block_texts(report.preamble)],
        "overview": list(_block_texts(report.overview)),
        "remediation": list(_remediation_texts(report.remediation)),
        "other_matters": [
            *_block_texts(report.other_matters.intro),
            *(item.full_text for item in report.other_matters.items),
        ],
    }
    for table in report.tables:
        texts[table.SPEC.key] = list(_block_texts(table.notes))
    return texts


def _derived_texts(report: g.Report) -> list[str]:
    """Metadata read out of the title and preamble: the same characters again, claimed or not."""
    meta = report.metadata
    contact = meta.contact
    return [
        text
        for text in (
            meta.issuing_body,
            meta.published_at,
            meta.website,
            contact.organization,
            contact.address,
            contact.postcode,
            contact.phone,
            contact.email,
        )
        if text
    ]


def _finding_texts(finding: g.Finding) -> list[str]:
    """What a finding quotes of the input (its message only describes it)."""
    return [text for text in (finding.found, finding.expected, finding.location.excerpt) if text]


def _date_forms(date: dt.date | None) -> list[str]:
    """The ways a signature's date is printed: 2023年1月29日, 二〇二三年一月二十九日 (○, 零 for 〇)."""
    if date is None:
        return []
    digits = "〇一二三四五六七八九"

    def small(n: int) -> str:
        tens, ones = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + ("十" if tens else "") + (digits[ones] if ones else "")

    chinese = "".join(digits[int(d)] for d in str(date.year)) + f"年{small(date.month)}月{small(date.day)}日"
    return [format_date(date), chinese, chinese.replace("〇", "○"), chinese.replace("〇", "零")]


def _labels(spec: TableSpec) -> list[str]:
    texts = {cell.text for cell in spec.grid if cell.text}
    texts |= {label for row in spec.rows for label in row.path} | {label for col in spec.columns for label in col.path}
    return sorted(_label_key(_needle(text)) for text in texts)


def _cell_value(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None


def account(text: str, imported: g.Imported, *, lines: bool = True) -> list[Loss]:
    """The runs of ``text`` that neither the imported report nor its findings hold.

    ``lines``: a finding's "line N" is a line of ``text`` (not so for a Word document, whose
    findings count paragraphs)."""
    ledger = Ledger.of(text)
    report = imported.report
    missing = {f.location.section for f in imported.findings if f.rule == "import.section_missing"}
    # Section headings the importer recognised (with the colon some write after them) are
    # structure, and the bounds of each section.
    bounds: dict[str, int] = {}
    position = 0
    # A heading read by closeness is quoted by its finding as printed.
    variants = {f.location.section: f.found for f in imported.findings if f.rule == "import.heading_variant"}
    for spec in SECTIONS:
        if spec.key in missing:
            continue
        written = [f"{spec.number}{mark}{title}" for title in (spec.title, *spec.variants) for mark in "、.,"]
        for heading in [*written, *([variants[spec.key]] if spec.key in variants else [])]:
            needle = _needle(heading)
            found = ledger.keys.find(needle, position)
            if found >= 0:
                stop = found + len(needle) + (ledger.keys[found + len(needle) : found + len(needle) + 1] == ":")
                ledger.claim(ledger.keys[found:stop], found, stop)
                bounds[spec.key] = position = stop
                break
    starts = sorted(bounds.values())
    end = len(ledger.keys)

    def region(key: str) -> tuple[int, int]:
        if key == "front":
            return 0, min(starts, default=end)
        if key not in bounds:
            return 0, end
        lo = bounds[key]
        return lo, next((s for s in starts if s > lo), end)

    # Findings that name their line: what they quote is on that line, a whole token if it can be
    # (the longest first, so that a quoted "0" does not take the 0 of a longer quote).
    placed: list[tuple[str, tuple[int, int]]] = []
    on_lines: list[tuple[str, tuple[int, int]]] = []
    for finding in imported.findings:
        source = re.fullmatch(r"(?:page \d+, )?line (\d+)", finding.location.source or "") if lines else None
        where = ledger.line(int(source.group(1))) if source else region(finding.location.section or "")
        quoted = [(t, where) for t in dict.fromkeys(map(_needle, _finding_texts(finding)))]
        (on_lines if source else placed).extend(quoted)
    for piece, (lo, hi) in sorted(on_lines, key=lambda item: -len(item[0])):
        _claim_token(ledger, piece, lo, hi) or ledger.claim(piece, lo, hi)
    # A label printed over several lines (a label read by closeness quotes it as printed, its
    # lines' pieces joined by spaces): each piece is in the finding's table section. Likewise the
    # lines a finding quotes together (what stands before the title or after the signature): each
    # in the part of the text the finding names.
    for finding in imported.findings:
        quoted = finding.found or ""
        if (finding.rule == "import.label_approximate" and " " in quoted) or "\n" in quoted:
            lo, hi = region(finding.location.section or "")
            for piece in quoted.split():
                _claim_token(ledger, _needle(piece), lo, hi) or ledger.claim(_needle(piece), lo, hi)
    # The tables' values: each a whole token of its section, a number compared as a number.
    for table in report.tables:
        lo, hi = region(table.SPEC.key)
        by_value: dict[object, list[tuple[int, int]]] = {}
        for start, stop in ledger.tokens(lo, hi):
            piece = ledger.keys[start:stop]
            by_value.setdefault(_cell_value(piece), []).append((start, stop))
            by_value.setdefault(piece, []).append((start, stop))
        for _spec, cell in table.items():
            shown = None if cell.is_number else cell.raw
            key = cell.value if cell.is_number else _needle(shown or "")
            spots = by_value.get(key, []) if key not in (None, "") else []
            spot = next((s for s in spots if ledger.fresh(s[0], s[1] - s[0])), None)
            if spot is not None:
                ledger.claim(ledger.keys[spot[0] : spot[1]], *spot)
            elif shown:
                ledger.claim(shown, lo, hi)
    # Texts: the longest first, each in its own section if it can be found there.
    placed += [(t, region(key)) for key, texts in _section_texts(report).items() for t in texts]
    after = (max(starts, default=0), end)
    if report.signature is not None:
        placed.append((report.signature.authority, after))
    for piece, (lo, hi) in sorted(placed, key=lambda item: -len(_needle(item[0]))):
        if _claim_near(ledger, piece, lo, hi):
            continue
        for word in re.split(r"[\s|]+", piece):  # a text joined from pieces on a line
            ledger.claim(word, lo, hi)
    if report.signature is not None:
        any(ledger.claim(date, *after) for date in _date_forms(report.signature.date))
    for derived in _derived_texts(report):
        ledger.claim(derived, fresh=False)
    # What is left in a table's section and is a piece of one of its labels is the table's structure.
    for spec in TABLES:
        if spec.key not in bounds:
            continue
        labels = _labels(spec)
        lo, hi = region(spec.key)
        for start, stop in ledger.tokens(lo, hi):
            for run_start, run_end in _runs(ledger.claimed, start, stop):
                piece = _label_key(ledger.keys[run_start:run_end])
                # A bare number is no piece of a label ("4" of "4.保护…"): it is a value or a page number.
                if not piece or (not piece.isascii() and any(piece in label for label in labels)):
                    for i in range(run_start, run_end):
                        ledger.claimed[i] = True
    return ledger.unclaimed()


def _claim_token(ledger: Ledger, text: str, lo: int, hi: int) -> bool:
    """Claim a whole token that reads ``text`` (a quoted "0" is the token 0, not the 0 of 10)."""
    needle = _needle(text)
    for start, stop in ledger.tokens(lo, hi):
        if ledger.keys[start:stop] == needle and ledger.fresh(start, stop - start):
            return ledger.claim(needle, start, stop)
    return False


def _claim_near(ledger: Ledger, text: str, lo: int, hi: int) -> bool:
    """Claim text where it should be. Held twice (by the model and a finding), it is satisfied by
    the copy already claimed; a text long enough to be unambiguous may be found anywhere (the
    importer may have put it in another section than the headings suggest)."""
    needle = _needle(text)
    return (
        ledger.claim(text, lo, hi)
        or needle in ledger.keys[lo:hi]
        or (len(needle) >= 4 and ledger.claim(text))
        or needle in ledger.keys
    )


def _runs(claimed: list[bool], start: int, end: int) -> Iterator[tuple[int, int]]:
    run: int | None = None
    for i in range(start, end + 1):
        free = i < end and not claimed[i]
        if free and run is None:
            run = i
        elif not free and run is not None:
            yield run, i
            run = None


# -- inputs ----------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
# Not shown: deleted text, and the copy of a drawing for readers that cannot show the drawing.
_HIDDEN = {f"{_W}del", f"{_W}moveFrom", "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
_PAGE_NUMBER = re.compile(r"[\s\d\-—－–/第页共]*")


def _xml_text(element: ET.Element, out: list[str]) -> None:
    tag = element.tag
    if tag in _HIDDEN:
        return
    if tag in (f"{_W}t", _MATH_T):
        out.append(element.text or "")
    elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
        out.append("\n")
    for child in element:
        _xml_text(child, out)
    if tag in (f"{_W}p", f"{_W}tc"):
        out.append("\n")


def docx_text(data: bytes) -> str:
    """Every character a Word document shows: its body with text boxes and equations, its notes
    and comments, and its headers and footers unless they hold only a page number (structure)."""
    out: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        parts = ["document", "footnotes", "endnotes", "comments"]
        parts += sorted(n[5:-4] for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
        for name in parts:
            if f"word/{name}.xml" not in names:
                continue
            text: list[str] = []
            _xml_text(ET.fromstring(archive.read(f"word/{name}.xml")), text)
            if name.startswith(("header", "footer")) and _PAGE_NUMBER.fullmatch("".join(text)):
                continue
            out += text
    return "".join(out)


# -- imports to account for ---------------------------------------------------------------------------


def text_lost(text: str) -> list[Loss]:
    """What importing ``text`` lost (an empty list when everything landed)."""
    return account(text, read_text(text.encode("utf-8")))


def docx_lost(data: bytes) -> list[Loss]:
    return account(docx_text(data), read_docx(data), lines=False)


def said(imported: g.Imported) -> str:
    """Everything an import says, as one text: the report's JSON and every finding's text."""
    findings = "\n".join(f"{f.message}\n{f.found or ''}\n{f.expected or ''}" for f in imported.findings)
    return g.dumps(imported.report) + "\n" + findings


LAYOUTS: dict[str, Callable[[g.Report], str]] = {
    "pdftotext-layout": text_fixtures.pdftotext_layout,
    "pdftotext-raw": text_fixtures.pdftotext_raw,
    "web-pipes": text_fixtures.web_flattened,
    "web-tabs": lambda report: text_fixtures.web_flattened(report, "\t"),
}


def example(name: str) -> g.Report:
    return g.load(ROOT / "examples" / name / "report.json")


def plain_export(report: g.Report) -> str:
    return g.export(report, "text", annotations=False).decode("utf-8")


def texts() -> dict[str, str]:
    """Every text input: the fixtures of one body in each layout, the seed, the examples' exports."""
    department = text_fixtures.department_report()
    found = {name: layout(department) for name, layout in LAYOUTS.items()}
    found["seed"] = SEED.read_text(encoding="utf-8")
    found |= {f"{path.parent.name}-text": plain_export(g.load(path)) for path in EXAMPLES}
    return found


# -- the accounting itself fails when something is dropped -----------------------------------------


@pytest.fixture(scope="module")
def department_layout() -> tuple[str, g.Imported]:
    text = text_fixtures.pdftotext_layout(text_fixtures.department_report())
    return text, read_text(text.encode("utf-8"))


def test_the_accounting_sees_a_paragraph_a_cell_a_note_and_a_finding_dropped(department_layout):
    text, imported = department_layout
    assert account(text, imported) == []
    report = imported.report
    index, dropped = next((i, b) for i, b in enumerate(report.overview) if i > 0 and isinstance(b, g.Paragraph))
    without_paragraph = attrs.evolve(report, overview=report.overview[:index] + report.overview[index + 1 :])
    assert _texts(account(text, attrs.evolve(imported, report=without_paragraph))) == [_as_printed(text, dropped.text)]
    value = report.applications["granted", "natural_person"]
    blanked = report.applications.with_values({("granted", "natural_person"): None})
    assert _texts(account(text, attrs.evolve(imported, report=attrs.evolve(report, applications=blanked)))) == [
        str(value)
    ]
    (note,) = report.applications.notes
    unnoted = attrs.evolve(report, applications=attrs.evolve(report.applications, notes=()))
    assert _texts(account(text, attrs.evolve(imported, report=unnoted))) == [note.text]
    marks = tuple(f for f in imported.findings if f.rule == "import.page_mark")
    kept = tuple(f for f in imported.findings if f not in marks[:1])
    lines = text.split("\n")  # a form feed ends no line: it starts a page
    line = lines.index("                                  - 4 -") + 1
    page = "\n".join(lines[:line]).count("\x0c") + 1
    assert marks[0].location.source == f"page {page}, line {line}"
    assert account(text, attrs.evolve(imported, findings=kept)) == [Loss(line=line, text="4")]


def test_the_accounting_sees_a_sentence_dropped_from_a_paragraph(department_layout):
    text, imported = department_layout
    report = imported.report
    index, paragraph = next(
        (i, b) for i, b in enumerate(report.overview) if isinstance(b, g.Paragraph) and "。" in b.text[:-1]
    )
    first, _, rest = paragraph.text.partition("。")
    shortened = (*report.overview[:index], g.Paragraph(text=first + "。"), *report.overview[index + 1 :])
    assert _texts(account(text, attrs.evolve(imported, report=attrs.evolve(report, overview=shortened)))) == [
        _as_printed(text, rest)
    ]


def test_the_accounting_sees_one_of_two_equal_paragraphs_dropped():
    report = example("wangfu-2022")
    twice = attrs.evolve(report, overview=(*report.overview, report.overview[-1]))
    text = plain_export(twice)
    imported = read_text(text.encode("utf-8"))
    assert account(text, imported) == []
    once = attrs.evolve(imported.report, overview=imported.report.overview[:-1])
    assert _texts(account(text, attrs.evolve(imported, report=once))) == [report.overview[-1].text]


def _texts(losses: list[Loss]) -> list[str]:
    return [loss.text for loss in losses]


def _as_printed(text: str, piece: str) -> str:
    """``piece`` as ``text`` prints it, wrapped over lines and indented."""
    pattern = r"\s*".join(re.escape(char) for char in piece)
    match = re.search(pattern, text)
    assert match is not None, piece
    return match.group(0)


# -- nothing lost: the inputs as they come ----------------------------------------------------------


@pytest.mark.parametrize("body", text_fixtures.BODIES, ids=lambda body: f"{body[0]}-{body[2]}")
@pytest.mark.parametrize("layout", LAYOUTS)
def test_text_fixtures_lose_nothing(body, layout):
    assert text_lost(LAYOUTS[layout](text_fixtures.fixture_report(*body))) == []


@pytest.mark.parametrize("date", ["2023年1月29日", "二〇二三年一月二十九日"])
def test_the_seed_loses_nothing(date):
    text = SEED.read_text(encoding="utf-8").replace("2023年1月29日", date)
    imported = read_text(text.encode("utf-8"))
    assert imported.report.signature is not None
    assert imported.report.signature.date == dt.date(2023, 1, 29)
    assert account(text, imported) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.parent.name)
def test_the_examples_exported_to_text_lose_nothing(path):
    assert text_lost(plain_export(g.load(path))) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.parent.name)
@pytest.mark.parametrize("record", [True, False], ids=["own-export", "without-record"])
def test_the_examples_exported_to_docx_lose_nothing(path, record):
    data = g.export(g.load(path), "docx")
    assert docx_lost(data if record else without_record(data)) == []


def test_the_official_template_loses_nothing():
    assert docx_lost(TEMPLATE.read_bytes()) == []


# -- nothing lost: stray text anywhere in a text --------------------------------------------------------

STRIDE = 6


def _strays(lines: list[str], offset: int, how: str) -> tuple[str, list[str]]:
    """``lines`` with a marked stray text at every STRIDE-th line from ``offset``: a line of its own
    (a sentence, a bare word, a number), or typed into the line (at its end, in its middle, glued
    to what is there)."""
    out: list[str] = []
    markers: list[str] = []
    for number, line in enumerate([*lines, ""]):
        if number % STRIDE != offset:
            out.append(line)
            continue
        marker = f"鑫淼{number:03d}" if how != "number" else f"98{number:03d}7"
        markers.append(marker)
        if how == "sentence":
            out += [f"附记：{marker}说明的一句话。", line]
        elif how in ("word", "number"):
            out += [marker, line]
        elif how == "end":
            out.append(f"{line} {marker}")
        else:
            middle = len(line) // 2
            space = " " if how == "middle" else ""  # glued: written into whatever is there
            out.append(f"{line[:middle]}{space}{marker}{space}{line[middle:]}")
    return "\n".join(out), markers


@pytest.fixture(scope="module")
def text_inputs() -> dict[str, str]:
    return texts()


@pytest.mark.parametrize("how", ["sentence", "word", "number", "end", "middle", "glued"])
@pytest.mark.parametrize("offset", range(STRIDE))
@pytest.mark.parametrize("name", [*LAYOUTS, "seed", "wangfu-2022-text", "xinghe-2023-text"])
def test_stray_text_anywhere_lands_in_the_report_or_a_finding(text_inputs, name, offset, how):
    text, markers = _strays(text_inputs[name].split("\n"), offset, how)
    imported = read_text(text.encode("utf-8"))
    assert account(text, imported) == []
    everything = said(imported)
    assert [marker for marker in markers if marker not in everything] == []


def test_a_value_glued_to_its_row_label_is_in_a_finding(department_layout):
    text, _imported = department_layout
    row = next(line for line in text.split("\n") if line.strip().startswith("规章"))
    glued = re.sub(r"规章\s+", "规章", row, count=1)  # pdftotext ran the label into the first value
    imported = read_text(text.replace(row, glued).encode("utf-8"))
    assert account(text.replace(row, glued), imported) == []
    value = row.split()[1]
    (finding,) = [f for f in imported.findings if f.found == value]
    assert (finding.rule, finding.location.table) == ("import.value_unplaced", "active_disclosure")


# -- nothing lost: Word documents edited by a person -------------------------------------------------------


def save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_TEXT_BOX = (
    f'<w:r {_NS}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:120pt;height:24pt">'
    "<v:textbox><w:txbxContent><w:p><w:r><w:t>文本框里的鑫淼说明</w:t></w:r></w:p></w:txbxContent>"
    "</v:textbox></v:shape></w:pict></w:r>"
)
_EQUATION = (
    '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
    "<m:r><m:t>鑫淼=1+2</m:t></m:r></m:oMath>"
)


def _xml(text: str) -> object:
    from docx.oxml import parse_xml

    return parse_xml(text)


def _table_note(document: docx.document.Document) -> None:
    note = document.add_paragraph("注：鑫淼本表数据来源于统计台账。")
    document.tables[0]._tbl.addnext(note._p)


def _foreign_table(document: docx.document.Document) -> None:
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[1].cells[1].text = "鑫淼联系人", "犇骉电话"


def _after_signature(document: docx.document.Document) -> None:
    document.add_paragraph("鑫淼：落款后补充的说明。")
    document.add_paragraph("（此件犇骉公开发布）", style="GovReport Date")


def _label_and_value_cells(document: docx.document.Document) -> None:
    document.tables[0].rows[3].cells[0].paragraphs[0].add_run("（鑫淼含党内法规）")
    cell = document.tables[1].rows[3].cells[9]
    cell.text = cell.text + "犇骉件"


def _comment(document: docx.document.Document) -> None:
    paragraph = next(p for p in document.paragraphs if p.runs)
    document.add_comment(paragraph.runs, text="鑫淼批注内容", author="审核人")


#: Our styles a person may pick for a new paragraph (a new paragraph after one of ours takes its style).
OUR_STYLES = (
    "GovReport Body",
    "GovReport Item",
    "GovReport Heading 2",
    "GovReport Section Heading",
    "GovReport Problem",
    "GovReport Other Item",
    "GovReport Signature",
    "GovReport Date",
    "GovReport Title",
)


def _paragraphs_in_our_styles(document: docx.document.Document) -> None:
    for i, paragraph in enumerate(document.paragraphs):
        paragraph.insert_paragraph_before(f"鑫淼{i:02d}添加的段落。", style=OUR_STYLES[i % len(OUR_STYLES)])


WORD_EDITS: dict[str, Callable[[docx.document.Document], object]] = {
    "paragraphs": lambda d: [p.insert_paragraph_before(f"鑫淼{i:02d}添加的段落。") for i, p in enumerate(d.paragraphs)],
    "paragraphs-in-our-styles": _paragraphs_in_our_styles,
    "typed-into-paragraphs": lambda d: [p.add_run(f"犇骉{i:02d}") for i, p in enumerate(d.paragraphs) if p.text],
    "table-note": _table_note,
    "text-box": lambda d: d.paragraphs[5]._p.append(_xml(_TEXT_BOX)),
    "text-box-in-a-cell": lambda d: d.tables[1].rows[5].cells[0].paragraphs[0]._p.append(_xml(_TEXT_BOX)),
    "equation": lambda d: d.paragraphs[5]._p.append(_xml(_EQUATION)),
    "after-the-signature": _after_signature,
    "foreign-table": _foreign_table,
    "label-and-value-cells": _label_and_value_cells,
    "page-header": lambda d: setattr(d.sections[0].header.paragraphs[0], "text", "鑫淼内部资料"),
    "comment": _comment,
}


@pytest.mark.parametrize("record", [True, False], ids=["own-export", "without-record"])
@pytest.mark.parametrize("edit", WORD_EDITS)
@pytest.mark.parametrize("name", ["wangfu-2022", "xinghe-2023"])
def test_a_docx_edited_in_word_loses_nothing(name, edit, record):
    document = docx.Document(io.BytesIO(g.export(example(name), "docx")))
    WORD_EDITS[edit](document)
    data = save(document) if record else without_record(save(document))
    imported = read_docx(data)
    assert account(docx_text(data), imported, lines=False) == []
    everything = said(imported)
    shown = docx_text(data)
    assert [m for m in re.findall(r"(?:鑫淼|犇骉)\d*", shown) if m not in everything] == []


def with_footnote(data: bytes, text: str) -> bytes:
    """The document with a footnote on its fifth paragraph (python-docx cannot add one)."""
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {_NS}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    relationship = (
        '<Relationship Id="rIdNotes" Target="footnotes.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'
    )
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "word/document.xml":
                pieces = part.decode("utf-8").split("</w:p>")
                pieces[4] += '<w:r><w:footnoteReference w:id="1"/></w:r>'
                part = "</w:p>".join(pieces).encode("utf-8")
            elif info.filename == "word/_rels/document.xml.rels":
                part = part.replace(b"</Relationships>", relationship.encode("utf-8") + b"</Relationships>")
            target.writestr(info, part)
        target.writestr("word/footnotes.xml", footnotes)
    return buffer.getvalue()


def test_a_footnote_lands_in_a_finding():
    data = with_footnote(g.export(example("wangfu-2022"), "docx"), "鑫淼脚注的文字")
    imported = read_docx(data)
    assert docx_lost(data) == []
    (finding,) = [f for f in imported.findings if f.rule == "import.object_unplaced"]
    assert (finding.found, finding.location.source) == ("鑫淼脚注的文字", "paragraph 5")


def test_the_official_template_filled_in_by_a_person_loses_nothing():
    document = docx.Document(str(TEMPLATE))
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("（文字描述"):
            paragraph.text = "鑫淼填写的一段说明。"
            paragraph.insert_paragraph_before("犇骉多加的一段。")
    document.tables[1].rows[4].cells[4].text = "约3"
    data = save(document)
    imported = read_docx(data)
    assert docx_lost(data) == []
    assert said(imported).count("鑫淼填写的一段说明。") >= 3
