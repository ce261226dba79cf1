"""How well the importers read real published reports: every form, every known cell, and their speed.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/corpus.py [--files DIR] [--repeat 3] [--forms pdf,html,...]

The corpus is ``tests/corpus/*.truth.json`` (values typed in by hand from each published file).
The files themselves are public material fetched from their origins and not committed: they are
looked for in ``--files`` (default ``$GOVREPORT_CORPUS_FILES`` or ``build/corpus/files``), and
for the shared PDFs in ``../shared/corpus``; a file whose sha256 differs from its truth's is
reported and not measured (its truth may not be its values). ``tests/corpus/README.md`` says
where each file comes from.

Forms, each read by ``govreport.read`` as a user's file would be:

- ``pdf``, ``html``, ``text``: the files as published (``text``: a crawler's page text);
- ``pdftotext``: each PDF through ``pdftotext -layout`` (poppler-utils);
- ``markdown``: each web page through markdownify (what an HTML-to-markdown step gives);
- ``docx``: each web page opened and saved as DOCX by LibreOffice (Word's "save as" of a page).

For each form: reports, known cells (truth not null), the share read right, the numbers read wrong
(must be 0: a value that cannot be placed stays blank), sections found (of the truth's), signatures
found (of those the report has), and seconds per report (median of ``--repeat`` reads). For PDFs,
the import time ÷ pdfplumber's own ``extract_text`` + ``extract_tables`` of the same file in the
same run (goal ≤ 1.5); for web pages, milliseconds a report (goal ≤ 50). Results go to
``build/benchmarks/corpus.json``; ``--verbose`` lists every wrong and blank cell.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from docx_roundtrip import median_seconds  # noqa: E402

import govreport as g  # noqa: E402
from corpus_truth import Score, score  # noqa: E402

TRUTH_DIR = ROOT / "tests" / "corpus"
SHARED = ROOT.parent / "shared" / "corpus"
FORMS = ("pdf", "html", "text", "pdftotext", "markdown", "docx")
SUFFIX = {"pdf": ".pdf", "html": ".html", "text": ".txt", "pdftotext": ".txt", "markdown": ".md", "docx": ".docx"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpus(files: Path) -> tuple[list[tuple[dict[str, Any], Path]], list[str]]:
    """The entries whose file is here and is the one transcribed, and what is missing or differs."""
    found: list[tuple[dict[str, Any], Path]] = []
    problems: list[str] = []
    for truth_path in sorted(TRUTH_DIR.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        candidates = [files / truth["file"], SHARED / truth["file"]]
        present = [path for path in candidates if path.is_file()]
        if not present:
            problems.append(f"{truth['id']}: {truth['file']} not in {files} (see tests/corpus/README.md)")
            continue
        matching = [path for path in present if _sha256(path) == truth["sha256"]]
        if not matching:
            problems.append(f"{truth['id']}: {present[0]} differs from the transcribed file (sha256)")
            continue
        found.append((truth, matching[0]))
    return found, problems


def _pdftotext(pdf: Path, out: Path) -> None:
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True, capture_output=True)


def _markdown(html: Path, out: Path) -> None:
    import markdownify

    from govreport.importers.html_decode import decode_page

    text, _ = decode_page(html.read_bytes(), str(html))
    out.write_text(markdownify.markdownify(text, heading_style="ATX"), encoding="utf-8")


def _docx_all(pages: list[Path], work: Path) -> None:
    """All web pages to DOCX in one LibreOffice run (starting it costs seconds)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not pages:
        return
    source = work / "html"
    source.mkdir(exist_ok=True)
    for page in pages:
        shutil.copy(page, source / page.name)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work),
            *[str(source / page.name) for page in pages],
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )


def derived(
    entries: list[tuple[dict[str, Any], Path]], forms: set[str], work: Path
) -> list[tuple[str, dict[str, Any], Path]]:
    """(form, truth, file) for every form asked for that can be made here."""
    runs: list[tuple[str, dict[str, Any], Path]] = []
    pages = [path for truth, path in entries if truth["form"] == "html"]
    if "docx" in forms:
        _docx_all(pages, work)
    for truth, path in entries:
        form = truth["form"]
        if form in forms:
            runs.append((form, truth, path))
        if form == "pdf" and "pdftotext" in forms and shutil.which("pdftotext"):
            out = work / f"{truth['id']}.layout.txt"
            _pdftotext(path, out)
            runs.append(("pdftotext", truth, out))
        if form == "html" and "markdown" in forms:
            out = work / f"{truth['id']}.md"
            _markdown(path, out)
            runs.append(("markdown", truth, out))
        if form == "html" and "docx" in forms and (work / f"{path.stem}.docx").is_file():
            runs.append(("docx", truth, work / f"{path.stem}.docx"))
    return runs


def pdfplumber_seconds(path: Path) -> float:
    """pdfplumber's own reading of the file: every page's text and tables, as a user of it would."""
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
    return time.perf_counter() - start


def measure(form: str, truth: dict[str, Any], path: Path, repeat: int) -> dict[str, Any]:
    imported = g.read(path)
    result: Score = score(imported.report, truth)
    missing = sum(1 for f in imported.findings if f.rule == "import.section_missing")
    signature = imported.report.signature
    wanted = truth["signature"]
    seconds = median_seconds(lambda: g.read(path), repeat)
    row: dict[str, Any] = {
        "form": form,
        "id": truth["id"],
        "known": result.known,
        "right": result.right,
        "wrong": list(result.wrong),
        "blank": list(result.blank),
        "sections": len(truth["sections"]) - missing,
        "sections_wanted": len(truth["sections"]),
        "signature": bool(
            wanted
            and signature is not None
            and signature.authority == wanted["authority"]
            and signature.date is not None
            and signature.date.isoformat() == wanted["date"]
        ),
        "signature_wanted": wanted is not None,
        "seconds": seconds,
    }
    if form == "pdf":
        row["pdfplumber_seconds"] = statistics.median(pdfplumber_seconds(path) for _ in range(repeat))
    return row


def summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    table = []
    for form in FORMS:
        mine = [row for row in rows if row["form"] == form]
        if not mine:
            continue
        known = sum(row["known"] for row in mine)
        right = sum(row["right"] for row in mine)
        line: dict[str, Any] = {
            "form": form,
            "reports": len(mine),
            "known": known,
            "right": right,
            "share": right / known if known else 1.0,
            "wrong": sum(len(row["wrong"]) for row in mine),
            "sections": f"{sum(row['sections'] for row in mine)}/{sum(row['sections_wanted'] for row in mine)}",
            "signatures": f"{sum(row['signature'] for row in mine)}/{sum(row['signature_wanted'] for row in mine)}",
            "seconds": statistics.median(row["seconds"] for row in mine),
        }
        if form == "pdf":
            line["vs_pdfplumber"] = statistics.median(row["seconds"] / row["pdfplumber_seconds"] for row in mine)
        table.append(line)
    return table


def print_table(table: list[dict[str, Any]]) -> None:
    print("| form | reports | known cells | read right | wrong | sections | signatures | s/report |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for line in table:
        extra = f" (×{line['vs_pdfplumber']:.2f} pdfplumber)" if "vs_pdfplumber" in line else ""
        print(
            f"| {line['form']} | {line['reports']} | {line['known']} | {line['right']} ({line['share']:.1%}) | "
            f"{line['wrong']} | {line['sections']} | {line['signatures']} | {line['seconds']:.3f}{extra} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("GOVREPORT_CORPUS_FILES", str(ROOT / "build" / "corpus" / "files"))
    parser.add_argument("--files", type=Path, default=Path(default), help="where the corpus files are")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--forms", default=",".join(FORMS))
    parser.add_argument("--verbose", action="store_true", help="list every wrong and blank cell")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "benchmarks" / "corpus.json")
    args = parser.parse_args(argv)
    forms = set(args.forms.split(","))
    entries, problems = corpus(args.files)
    for problem in problems:
        print(f"not measured: {problem}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        runs = derived(entries, forms, Path(tmp))
        rows = [measure(form, truth, path, args.repeat) for form, truth, path in runs]
    table = summary(rows)
    print_table(table)
    for row in rows:
        if args.verbose or row["wrong"]:
            for cell in row["wrong"]:
                print(f"WRONG {row['form']} {row['id']}: {cell}")
        if args.verbose:
            for cell in row["blank"]:
                print(f"blank {row['form']} {row['id']}: {cell}")
            print(
                f"{row['form']:9} {row['id']:18} {row['right']}/{row['known']} sections {row['sections']} "
                f"signature {row['signature']} {row['seconds']:.3f}s"
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"summary": table, "reports": rows, "not_measured": problems}, ensure_ascii=False, indent=1)
    )
    return 1 if any(line["wrong"] for line in table) else 0


if __name__ == "__main__":
    raise SystemExit(main())
