"""Hostile and broken files: each is a clear error (or a correct result), in bounded time and memory.

Every input is built here, in a temporary folder. ``govreport import FILE`` runs in a child process
that reports its own peak resident memory (VmHWM: a child's ``ru_maxrss`` would include the
memory of this test process it was forked from), under an address-space limit as a safety net,
and must exit 2 with exactly one line on standard error, ``govreport: error: FILE: what is wrong``.
``render`` and ``check`` run the same inputs in this process and must fail the same way.
See docs/robustness.md for the limits these rely on.
"""

from __future__ import annotations

import functools
import io
import json
import os
import random
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import govreport as g
from govreport.cli import main
from govreport.importers.text_decode import MAX_TEXT_BYTES, MAX_TEXT_LINES
from govreport.reading.assemble import MAX_TABLE_SECTION_CHARS
from govreport.serialize import MAX_JSON_BYTES, MAX_NUMBER_LENGTH, to_document
from govreport.spec import SECTIONS
from govreport.wordml.archive import MAX_PACKAGE_BYTES, MAX_PART_BYTES, MAX_XML_DEPTH, MAX_XML_TAGS
from govreport.wordml.body import MAX_BODY_CHARS, MAX_TABLE_GRID
from govreport.wordml.vocabulary import W_NS

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "wangfu-2022" / "report.json"
SEED = REPO / "tests" / "fixtures" / "seed-wangfu-2022.txt"
MB = 1024 * 1024

#: Generous bounds for a noisy shared machine; the measured worst cases are in docs/robustness.md.
SECONDS = 30.0
PEAK_BYTES = 1024 * MB
#: A zip bomb is read up to MAX_PART_BYTES, never expanded: far below the 1 GB it expands to.
BOMB_PEAK_BYTES = 512 * MB
#: The child may not map more than this (a regression then fails fast instead of exhausting the machine).
ADDRESS_SPACE = 3 * 1024 * MB

# Runs ``python -m govreport ARGS`` and writes the process's peak resident memory to PEAK_FILE.
_CHILD = r"""
import os, runpy, sys

def peak():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale

try:
    sys.argv = ["govreport", *sys.argv[1:]]
    runpy.run_module("govreport", run_name="__main__", alter_sys=True)
finally:
    with open(os.environ["GOVREPORT_TEST_PEAK_FILE"], "w") as out:
        out.write(str(peak()))
"""


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak: int  # bytes


def _limit_address_space() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_bounded(*args: str | os.PathLike[str]) -> Run:
    """``govreport ARGS`` in a child process: its output, wall time and peak resident memory."""
    handle, peak_file = tempfile.mkstemp(prefix="govreport-peak-")
    os.close(handle)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVREPORT_")}
    env.update(PYTHONIOENCODING="utf-8", GOVREPORT_TEST_PEAK_FILE=peak_file)
    limit = _limit_address_space if sys.platform.startswith("linux") else None
    start = time.perf_counter()
    try:
        completed = subprocess.run(
            [sys.executable, "-c", _CHILD, *map(os.fspath, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            timeout=120,
            check=False,
            preexec_fn=limit,  # the test process starts no threads, so a preexec_fn is safe
        )
        seconds = time.perf_counter() - start
        peak = int(Path(peak_file).read_text() or 0)
    finally:
        os.unlink(peak_file)
    return Run(completed.returncode, completed.stdout, completed.stderr, seconds, peak)


def assert_one_error_line(stderr: str, path: Path, words: tuple[str, ...]) -> None:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr[:2000]
    assert lines[0].startswith("govreport: error: "), lines[0]
    assert path.name in lines[0], lines[0]
    for word in words:
        assert word in lines[0], (word, lines[0])


# -- building blocks ----------------------------------------------------------------------------------


@functools.cache
def exported_docx() -> bytes:
    return g.export(g.load(EXAMPLE), "docx")


def with_part(data: bytes, name: str, content: bytes | None) -> bytes:
    """The archive with one part replaced (or removed, for None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
        if content is not None:
            target.writestr(name, content)
    return out.getvalue()


def patch_central_entry(data: bytes, name: str, *, flag_bits: int | None = None, file_size: int | None = None) -> bytes:
    """The archive with an entry's central directory record changed, as a hostile tool would write it."""
    patched = bytearray(data)
    wanted = name.encode()
    offset = patched.find(b"PK\x01\x02")
    while offset >= 0:
        name_length = struct.unpack_from("<H", patched, offset + 28)[0]
        if bytes(patched[offset + 46 : offset + 46 + name_length]) == wanted:
            if flag_bits is not None:
                struct.pack_into("<H", patched, offset + 8, flag_bits)
            if file_size is not None:
                struct.pack_into("<I", patched, offset + 24, file_size)
            return bytes(patched)
        offset = patched.find(b"PK\x01\x02", offset + 4)
    raise AssertionError(f"no central directory record for {name}")


def document_xml(body: str, *, declaration: str = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>') -> str:
    return f'{declaration}\n<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


BOMB_SIZE = 1024 * MB


@functools.cache
def bomb_docx() -> bytes:
    """A real export whose word/document.xml expands to 1 GB of spaces (about 4 MB compressed).

    Written with zipfile's streaming writer at the fastest compression level: a second or two."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with zipfile.ZipFile(io.BytesIO(exported_docx())) as source:
            for info in source.infolist():
                if info.filename != "word/document.xml":
                    archive.writestr(info, source.read(info))
        chunk = b" " * (4 * MB)
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            for _ in range(BOMB_SIZE // len(chunk)):
                stream.write(chunk)
    return out.getvalue()


def recompressed(data: bytes, name: str, method: int) -> bytes:
    """The archive with one entry compressed by ``method`` (bzip2, LZMA) instead of deflate."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == name:
                target.writestr(name, content, compress_type=method)
            else:
                target.writestr(info, content)
    return out.getvalue()


HEADER_BYTES = 8 * MB


@functools.cache
def header_flood_docx() -> bytes:
    """A real export whose document relates to headers of 8 MB each, together more than
    MAX_PACKAGE_BYTES though each is well under MAX_PART_BYTES (the shape of 400 headers of 32 MB)."""
    count = MAX_PACKAGE_BYTES // HEADER_BYTES + 1
    header = (f'<w:hdr xmlns:w="{W_NS}">'.encode() + b" " * HEADER_BYTES)[:HEADER_BYTES] + b"</w:hdr>"
    relationships = "".join(
        f'<Relationship Id="rIdFlood{i}" Target="flood{i}.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"/>'
        for i in range(count)
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(exported_docx())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", relationships.encode() + b"</Relationships>")
            target.writestr(info, content)
        for i in range(count):
            target.writestr(f"word/flood{i}.xml", header)
    return out.getvalue()


def compound_file(*streams: str) -> bytes:
    """The start of an OLE compound file (what Word writes for .doc and for encrypted .docx): the
    magic number, a header, and directory entries naming the streams (UTF-16LE, 128 bytes each)."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    entries = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + bytes(64) for name in streams)
    return header + entries + bytes(1024)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def heading(index: int) -> str:
    return f"{SECTIONS[index].number}、{SECTIONS[index].title}"


def example_document() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def json_with_cell(literal: str) -> str:
    """The example report with one count cell written as ``literal``."""
    document = example_document()
    document["applications"]["cells"]["new_requests"]["natural_person"] = "@@"
    return json.dumps(document, ensure_ascii=False).replace('"@@"', literal)


# -- the hostile inputs, and what their error must say ------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    filename: str
    build: Callable[[], bytes | str]
    words: tuple[str, ...]
    peak: int = PEAK_BYTES


def _xxe(target: Path) -> str:
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{target}">]>'
    return document_xml(paragraph("&xxe;"), declaration=declaration + "\n" + doctype)


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + "]>\n"
    + document_xml(paragraph("&lol9;"), declaration="")
)


def _utf16_without_bom_xxe() -> bytes:
    text = _xxe(Path("/etc/passwd")).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return with_part(exported_docx(), "word/document.xml", text.encode("utf-16-le"))


def _gridspan_table() -> bytes:
    with zipfile.ZipFile(io.BytesIO(exported_docx())) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    huge = xml.replace("<w:tc>", '<w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>', 1)
    assert huge != xml
    return with_part(exported_docx(), "word/document.xml", huge.encode("utf-8"))


def _corrupt_deflate() -> bytes:
    data = bytearray(exported_docx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    # The compressed data starts after the local header (30 bytes, the name, the extra field).
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    for i in range(start + 100, start + 400):
        data[i] ^= 0x5A
    return bytes(data)


DOCX_CASES = [
    Case("not-a-zip", "report.docx", lambda: b"This is not a zip archive at all.\n" * 20, ("not a Word document",)),
    Case(
        "truncated",
        "report.docx",
        lambda: exported_docx()[: len(exported_docx()) // 2],
        ("damaged or incomplete zip archive",),
    ),
    Case("corrupt-deflate", "report.docx", _corrupt_deflate, ("cannot read word/document.xml", "damaged")),
    Case(
        "zip-bomb",
        "bomb.docx",
        bomb_docx,
        ("word/document.xml is larger than", "MAX_PART_BYTES"),
        BOMB_PEAK_BYTES,
    ),
    Case(
        "zip-bomb-lying-header",  # the directory claims 1000 bytes; the data still expands to 1 GB
        "bomb.docx",
        lambda: patch_central_entry(bomb_docx(), "word/document.xml", file_size=1000),
        ("cannot read word/document.xml", "damaged"),
        BOMB_PEAK_BYTES,
    ),
    Case(
        "xxe",
        "report.docx",
        lambda: with_part(exported_docx(), "word/document.xml", _xxe(Path("/etc/passwd")).encode()),
        ("word/document.xml", "document type declaration"),
    ),
    Case("xxe-utf16-without-bom", "report.docx", _utf16_without_bom_xxe, ("document type declaration",)),
    Case(
        "billion-laughs",
        "report.docx",
        lambda: with_part(exported_docx(), "word/document.xml", BILLION_LAUGHS.encode()),
        ("document type declaration",),
    ),
    Case(
        "no-document",
        "report.docx",
        lambda: with_part(exported_docx(), "word/document.xml", None),
        ("without a Word document", "word/document.xml"),
    ),
    Case(
        "password-protected",
        "report.docx",
        lambda: compound_file("Root Entry", "EncryptionInfo", "EncryptedPackage"),
        ("password-protected",),
    ),
    Case(
        "doc-renamed",
        "report.docx",
        lambda: compound_file("Root Entry", "WordDocument", "1Table", "SummaryInformation"),
        ("old Word 97-2003 document (.doc)",),
    ),
    Case(
        "compound-file",  # nothing tells which: the error names both
        "report.docx",
        lambda: compound_file("Root Entry"),
        ("encrypted (password-protected) Word document or an old .doc",),
    ),
    Case(
        "zip-encryption-flag",
        "report.docx",
        lambda: patch_central_entry(exported_docx(), "word/document.xml", flag_bits=0x1),
        ("word/document.xml is encrypted",),
    ),
    Case(
        "declared-latin-1",  # read as text we decoded, so only the encodings Word writes are allowed
        "report.docx",
        lambda: with_part(
            exported_docx(),
            "word/document.xml",
            document_xml(paragraph("caf\xe9"), declaration='<?xml version="1.0" encoding="ISO-8859-1"?>').encode(
                "latin-1"
            ),
        ),
        ("not UTF-8 text",),
    ),
    Case(
        "declared-latin-1-ascii",
        "report.docx",
        lambda: with_part(
            exported_docx(),
            "word/document.xml",
            document_xml(paragraph("cafe"), declaration='<?xml version="1.0" encoding="ISO-8859-1"?>').encode(),
        ),
        ("XML in iso-8859-1; a Word document's XML is UTF-8 or UTF-16",),
    ),
    Case(
        "nested-100k",
        "report.docx",
        lambda: with_part(
            exported_docx(),
            "word/document.xml",
            document_xml("<w:customXml>" * 100_000 + "</w:customXml>" * 100_000).encode(),
        ),
        (f"nested more than {MAX_XML_DEPTH} deep", "MAX_XML_DEPTH"),
    ),
    Case(
        "element-flood",
        "report.docx",
        lambda: with_part(exported_docx(), "word/document.xml", document_xml("<w:p/>" * (MAX_XML_TAGS + 1)).encode()),
        ("MAX_XML_TAGS",),
    ),
    Case("grid-span-of-a-billion", "report.docx", _gridspan_table, ("MAX_TABLE_GRID",)),
    Case(
        "bzip2-entry",  # zipfile expands bzip2 and LZMA without the bound deflate gets
        "report.docx",
        lambda: recompressed(exported_docx(), "word/document.xml", zipfile.ZIP_BZIP2),
        ("word/document.xml is compressed with bzip2", "deflate"),
    ),
    Case(
        "lzma-entry",
        "report.docx",
        lambda: recompressed(exported_docx(), "word/document.xml", zipfile.ZIP_LZMA),
        ("word/document.xml is compressed with LZMA", "deflate"),
    ),
    Case("header-flood", "report.docx", header_flood_docx, ("MAX_PACKAGE_BYTES",), BOMB_PEAK_BYTES),
    Case(
        "body-text-flood",
        "report.docx",
        lambda: with_part(
            exported_docx(), "word/document.xml", document_xml(paragraph("a" * (MAX_BODY_CHARS + 1))).encode()
        ),
        ("MAX_BODY_CHARS",),
    ),
]


def _many_lines() -> str:
    return seed_text() + "a\n" * MAX_TEXT_LINES


TEXT_CASES = [
    Case("random-bytes", "report.txt", lambda: random.Random(0).randbytes(MB), ("not UTF-8 or GB18030 text",)),
    Case("png", "report.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(4096), ("a PNG image",)),
    Case("elf", "report.txt", lambda: b"\x7fELF\x02\x01\x01\x00" + random.Random(1).randbytes(8192), ("ELF",)),
    # A PDF named .txt is read as the PDF it is (by content), and this one is broken.
    Case("pdf", "report.txt", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + bytes(512), ("not a readable PDF",)),
    Case(
        "50-mb",
        "report.txt",
        lambda: seed_text() * (50 * MB // len(seed_text().encode()) + 1),
        ("MAX_TEXT_BYTES", "MB of text"),
    ),
    Case(
        "10-mb-line",
        "report.txt",
        lambda: seed_text() + "政" * (10 * MB // 3) + "\n",
        ("MAX_TEXT_BYTES",),
    ),
    Case("too-many-lines", "report.txt", _many_lines, ("MAX_TEXT_LINES",)),
    Case(
        "invalid-utf8",
        "report.txt",
        lambda: SEED.read_bytes().replace("一、".encode(), b"\x80" + "一、".encode(), 1),
        ("not valid UTF-8 text: byte 0x80 at line 5, column 1",),
    ),
    Case("utf-16", "report.txt", lambda: seed_text().encode("utf-16"), ("UTF-16",)),
]

JSON_CASES = [
    Case("deep-nesting", "report.json", lambda: "[" * 100_000 + "]" * 100_000, ("nested too deeply",)),
    Case("unclosed-nesting", "report.json", lambda: "[" * 100_000, ("report.json: not a valid report",)),
    Case(
        "1e999999",
        "report.json",
        lambda: json_with_cell("1e999999"),
        ("$.applications.cells.new_requests.natural_person", "too large"),
    ),
    Case(
        "million-digit-integer",
        "report.json",
        lambda: json_with_cell("7" * 1_000_000),
        ("$.applications.cells.new_requests.natural_person", "1,000,000 characters", "MAX_NUMBER_LENGTH"),
    ),
    Case(
        "duplicate-keys",
        "report.json",
        lambda: '{"schema_version": 1, "schema_version": 1}',
        ("duplicate key 'schema_version'",),
    ),
    *(
        Case(f"constant-{name}", "report.json", lambda name=name: json_with_cell(name), (f"{name} is not a number",))
        for name in ("NaN", "Infinity", "-Infinity")
    ),
    Case(
        "invalid-utf8",
        "report.json",
        lambda: json_with_cell('"x"').encode().replace(b'"x"', b'"\xff"'),
        ("not UTF-8 text: byte 0xff at line 1",),
    ),
    Case("utf-16-bom", "report.json", lambda: json_with_cell("1").encode("utf-16"), ("UTF-16",)),
    Case(
        "top-level-array",
        "report.json",
        lambda: json.dumps([example_document()]),
        ("$: expected a report object, got an array",),
    ),
    Case(
        "50-mb-string",
        "report.json",
        lambda: json_with_cell(json.dumps("x" * (50 * MB))),
        ("MAX_JSON_BYTES",),
    ),
]

CASES = [*DOCX_CASES, *TEXT_CASES, *JSON_CASES]


@pytest.fixture(autouse=True, scope="module")
def _forget_inputs() -> Iterator[None]:
    """The inputs are cached while this module runs (the bomb, 50 MB files), and let go after it:
    a test process grown by them would inflate what later tests measure of the processes it forks."""
    yield
    _bytes_of.cache_clear()
    bomb_docx.cache_clear()


@functools.cache
def _bytes_of(case: Case) -> bytes:  # built once for the three tests that use it
    data = case.build()
    return data.encode("utf-8") if isinstance(data, str) else data


def _write(case: Case, folder: Path) -> Path:
    path = folder / case.filename
    path.write_bytes(_bytes_of(case))
    return path


@pytest.mark.parametrize("case", CASES, ids=[f"{Path(c.filename).suffix[1:]}-{c.id}" for c in CASES])
def test_import_of_a_hostile_file_is_one_clear_error_in_bounded_time_and_memory(case: Case, tmp_path: Path) -> None:
    source = _write(case, tmp_path)
    result = run_bounded("import", source)
    assert result.returncode == 2, result.stderr[:2000]
    assert_one_error_line(result.stderr, source, case.words)
    assert result.stdout == ""
    assert result.seconds < SECONDS, result.seconds
    assert 0 < result.peak < case.peak, result.peak


@pytest.mark.parametrize("command", ["render", "check"])
@pytest.mark.parametrize("case", CASES, ids=[f"{Path(c.filename).suffix[1:]}-{c.id}" for c in CASES])
def test_render_and_check_fail_the_same_clean_way(
    case: Case, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(case, tmp_path)
    out = tmp_path / "out"
    args = ["render", str(source), "--to", "json", "-o", str(out)] if command == "render" else ["check", str(source)]
    start = time.perf_counter()
    code = main(args)
    assert time.perf_counter() - start < SECONDS
    captured = capsys.readouterr()
    assert code == 2, captured.err[:2000]
    assert_one_error_line(captured.err, source, case.words)
    assert captured.out == ""
    assert not out.exists() or not any(out.iterdir())  # nothing half-written


def test_xxe_never_reads_the_file_it_names(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    token = "govreport-xxe-canary-7f3a9c"
    secret.write_text(token, encoding="utf-8")
    source = tmp_path / "xxe.docx"
    source.write_bytes(with_part(exported_docx(), "word/document.xml", _xxe(secret).encode()))
    passwd = Path("/etc/passwd")
    leaked = [token, *(passwd.read_text(errors="replace").splitlines()[:1] if passwd.exists() else [])]
    xxe = next(case for case in DOCX_CASES if case.id == "xxe")
    for variant in (source, _write(xxe, tmp_path)):  # our canary, and /etc/passwd
        result = run_bounded("import", variant)
        assert result.returncode == 2
        for text in leaked:
            assert text not in result.stdout
            assert text not in result.stderr


# -- correct results ------------------------------------------------------------------------------------


def _import_json(path: Path, *options: str) -> tuple[Run, dict]:
    result = run_bounded("import", path, *options)
    assert result.returncode == 0, result.stderr[:2000]
    assert "Traceback" not in result.stderr
    assert result.seconds < SECONDS, result.seconds
    assert 0 < result.peak < PEAK_BYTES, result.peak
    return result, json.loads(result.stdout)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b"")],
    ids=["le-bom", "be-bom", "le-no-bom"],
)
def test_a_docx_whose_document_is_utf16_imports_as_the_utf8_one(tmp_path: Path, encoding: str, bom: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(exported_docx())) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert 'encoding="UTF-8"' in xml
    utf16 = bom + xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode(encoding)
    converted = tmp_path / "utf16.docx"
    converted.write_bytes(with_part(exported_docx(), "word/document.xml", utf16))
    # The UTF-8 original reads back as the report exactly (test_docx.py): so must this.
    assert _import_json(converted)[1] == to_document(g.load(EXAMPLE))


@pytest.mark.parametrize("record", ["[" * 100_000, '{"a": ' + "7" * 100_000 + "}"], ids=["deep", "long-number"])
def test_a_hostile_structure_record_is_ignored_with_a_finding(tmp_path: Path, record: str) -> None:
    # The record (JSON in the custom properties) is ours but the file is not: one that cannot be
    # read leaves a document that is still read, as one written in Word.
    with zipfile.ZipFile(io.BytesIO(exported_docx())) as archive:
        custom = archive.read("docProps/custom.xml").decode("utf-8")
    pieces = custom.split("<vt:lpwstr>")
    hostile = pieces[0] + "".join(
        "<vt:lpwstr>" + (record if i == 0 else "") + piece[piece.index("</vt:lpwstr>") :]
        for i, piece in enumerate(pieces[1:])
    )
    source = tmp_path / "record.docx"
    source.write_bytes(with_part(exported_docx(), "docProps/custom.xml", hostile.encode("utf-8")))
    result, document = _import_json(source)
    assert "[import.record_unreadable]" in result.stderr
    assert document["metadata"]["issuing_body"] == g.load(EXAMPLE).metadata.issuing_body


def test_a_report_in_gb18030_imports_as_in_utf8(tmp_path: Path) -> None:
    text = seed_text().replace("\xa0", " ")  # the one character of the seed GB18030 lacks a slot for in GBK
    utf8, gb = tmp_path / "utf8.txt", tmp_path / "gb18030.txt"
    utf8.write_bytes(text.encode("utf-8"))
    gb.write_bytes(text.encode("gb18030"))
    from_gb, from_utf8 = _import_json(gb), _import_json(utf8)
    assert from_gb[1] == from_utf8[1]
    assert from_gb[1]["metadata"]["issuing_body"] == "青州市王府街道办事处"
    assert from_gb[0].stderr.replace("gb18030.txt", "utf8.txt") == from_utf8[0].stderr  # the same findings


def test_a_long_single_line_under_the_limit_is_read(tmp_path: Path) -> None:
    line = "政府信息公开工作" * (3 * MB // 24)  # 3 MB on one line, under MAX_TEXT_BYTES
    text = seed_text().replace(heading(0) + "\n", heading(0) + "\n" + line + "\n", 1)
    assert len(text.encode()) < MAX_TEXT_BYTES
    source = tmp_path / "long-line.txt"
    source.write_text(text, encoding="utf-8")
    _, document = _import_json(source)
    assert any(block.get("text") == line for block in document["overview"])


def test_wrapped_lines_are_joined_in_linear_time(tmp_path: Path) -> None:
    # 200 kB of lines of one width, none ending a sentence: read as one wrapped paragraph. Joining
    # them used to re-measure the growing paragraph at every line and took minutes.
    source = tmp_path / "wrapped.txt"
    source.write_text(("a" * 70 + "\n") * 3000, encoding="utf-8")
    _, document = _import_json(source, "--from", "text")  # no title: not a report unless named so
    assert document["preamble"] == [{"type": "paragraph", "text": "a" * 70 * 3000}]


def test_a_table_section_far_too_long_for_a_table_is_kept_as_notes(tmp_path: Path) -> None:
    # Numbers fill the section of table 三: read as a table, each would cost a token and a finding
    # (seconds and hundreds of MB a MB); so the section is read as notes, with a finding.
    lines = "1 2 3 4 5 6 7 8 9\n" * (3 * MB // 18)
    text = seed_text().replace(heading(2) + "\n", heading(2) + "\n" + lines, 1)
    assert len(text.encode()) < MAX_TEXT_BYTES
    assert text.count("\n") < MAX_TEXT_LINES
    assert len(lines) > MAX_TABLE_SECTION_CHARS
    source = tmp_path / "numbers.txt"
    source.write_text(text, encoding="utf-8")
    result, document = _import_json(source)
    assert "[import.table_too_long]（位置：表三）" in result.stderr
    assert all(value is None for row in document["applications"]["cells"].values() for value in row.values())
    assert len(document["applications"]["notes"]) >= 3 * MB // 18


def test_a_long_string_under_the_json_limit_is_read(tmp_path: Path) -> None:
    document = example_document()
    document["preamble"][0]["text"] = text = "公开" * (2 * MB)  # 12 MB of UTF-8, under MAX_JSON_BYTES
    source = tmp_path / "long.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert source.stat().st_size < MAX_JSON_BYTES
    _, back = _import_json(source)
    assert back["preamble"][0]["text"] == text


def test_numbers_up_to_the_length_limit_are_read() -> None:
    longest = "1" + "0" * (MAX_NUMBER_LENGTH - 1)
    report = g.loads(json_with_cell(longest))
    assert report.applications["new_requests", "natural_person"].value == 10 ** (MAX_NUMBER_LENGTH - 1)
    with pytest.raises(g.ReportValidationError, match="MAX_NUMBER_LENGTH"):
        g.loads(json_with_cell(longest + "0"))


def test_the_limits_are_generous_for_real_reports() -> None:
    # A complete report is far below each limit: the limits stop hostile files, not reports.
    docx = exported_docx()
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = archive.read("word/document.xml")
    assert len(xml) * 100 < MAX_PART_BYTES
    assert xml.count(b"<") * 50 < MAX_XML_TAGS
    assert len(EXAMPLE.read_bytes()) * 100 < MAX_JSON_BYTES
    assert len(SEED.read_bytes()) * 100 < MAX_TEXT_BYTES
    assert MAX_TABLE_GRID > 63 * 10_000  # Word's widest table, ten thousand rows long
    assert BOMB_SIZE > MAX_PART_BYTES * 10


# -- patterns over report text: linear at 1 MB ---------------------------------------------------------

XINGHE = REPO / "examples" / "xinghe-2023" / "report.json"

#: What makes a pattern that runs over the report's text backtrack: a bracket that never closes (the
#: debris patterns), and clauses of one endless sentence (the rules that compare text with tables
#: look at the clause, the part between semicolons and the whole sentence of each figure).
SLOW_TEXT = {
    "bookmark-unclosed": "[bookmark:",
    "image-unclosed": "[image:",
    "image-without-colon": "[image",
    "tag-unclosed": "<a ",
    "received-in-one-sentence": "收到申请1件，",
    "reviews-between-semicolons": "行政复议1件；",
    "reviews-in-one-sentence": "行政复议1件，",
    "fee-in-one-sentence": "信息处理费1元，",
}


@pytest.mark.parametrize("unit", SLOW_TEXT.values(), ids=SLOW_TEXT.keys())
def test_check_of_text_built_to_backtrack_is_linear(unit: str, tmp_path: Path) -> None:
    document = json.loads(XINGHE.read_text(encoding="utf-8"))
    document["overview"][0]["text"] = unit * (MB // len(unit.encode()))
    source = tmp_path / "slow.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    run = run_bounded("check", source, "--format", "json")
    assert run.returncode in (0, 1), run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    json.loads(run.stdout)
    assert run.seconds < SECONDS, run.seconds
    assert run.peak < PEAK_BYTES, run.peak
