"""govreport.testing: every built-in exporter passes the conformance kit, and the kit can fail."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

import govreport
from govreport.plugins import build_registry
from govreport.testing import (
    ConformanceError,
    check_exporter,
    samples,
    text_of_output,
    zip_xml_text,
)

BUILTIN = build_registry(autoload=False)
BUILTIN_EXPORTERS = sorted(info.name for info in BUILTIN.formats() if info.kind == "exporter")


def document_xml(data: bytes) -> str:
    # What a reader of the .docx sees: not the structure record the package keeps for re-import.
    return zip_xml_text(data, ["word/document.xml"])


@pytest.mark.parametrize("name", BUILTIN_EXPORTERS)
def test_builtin_exporters_conform(name: str) -> None:
    text_of: Callable[[bytes], str] = document_xml if name == "docx" else text_of_output
    check_exporter(BUILTIN.exporter(name), text_of=text_of)


def test_the_builtins_are_the_ones_known_here() -> None:
    # A new built-in exporter is checked above automatically; docx is the one read as XML.
    assert {"json", "text", "html", "docx"} <= set(BUILTIN_EXPORTERS)


def test_samples() -> None:
    reports = samples()
    assert set(reports) == {"complete", "blank", "not_applicable", "hostile"}
    complete = reports["complete"]
    assert all(cell.is_number for table in complete.tables for cell in table.cells)
    numbers = [cell.value for table in complete.tables for cell in table.cells]
    assert len(set(numbers)) == len(numbers)  # each value is found for its own cell
    assert all(cell.is_blank and cell.raw is None for table in reports["blank"].tables for cell in table.cells)
    states = {cell.state for table in reports["not_applicable"].tables for cell in table.cells}
    assert states == {govreport.CellState.NUMBER, govreport.CellState.BLANK, govreport.CellState.NOT_APPLICABLE}


def exporter(render: Callable[..., object]) -> govreport.Exporter:
    return govreport.Exporter(name="probe", description="", extension=".x", media_type="", render=render)


def text_render(report: govreport.Report, *, skip: int | None = None) -> bytes:
    """A minimal exporter that passes: every cell's text, one per line."""
    lines = [str(cell) or "" for table in report.tables for cell in table.cells]
    lines += ["n/a" if cell.is_not_applicable else "" for table in report.tables for cell in table.cells]
    if skip is not None:
        lines[skip] = ""
    return ("report\n" + "\n".join(lines)).encode("utf-8")


def test_a_minimal_exporter_passes() -> None:
    check_exporter(exporter(text_render))


counter = itertools.count()


@pytest.mark.parametrize(
    ("render", "message"),
    [
        (lambda report: "text", "render returned str, not bytes"),
        (lambda report: b"", "render returned no bytes"),
        (lambda report: 1 / 0, "render raised ZeroDivisionError"),
        (lambda report: text_render(report) + str(next(counter)).encode(), "two renders of the same report differ"),
        (lambda report: text_render(report, skip=7), "does not appear in the output"),
        (lambda report: text_render(report).replace("约5".encode(), b""), "a blank cell's text '约5' does not appear"),
        (
            lambda report: text_render(report).replace(b"n/a", b"").replace(b"/", b""),
            "blank cells and n/a cells give the same output",
        ),
    ],
)
def test_the_check_fails_on(render: Callable[..., object], message: str) -> None:
    with pytest.raises(ConformanceError, match="probe: ") as caught:
        check_exporter(exporter(render))
    assert message in str(caught.value)


def test_zip_xml_text_reads_only_the_named_parts() -> None:
    data = BUILTIN.exporter("docx").render(samples()["complete"], blank="", reference_docx=None)
    assert "4001" in document_xml(data)
    assert "4001" in zip_xml_text(data)
    assert len(zip_xml_text(data)) > len(document_xml(data))
