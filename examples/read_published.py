"""Read a report as its body published it (PDF, saved web page, Word, text) and see what was found.

    python examples/read_published.py [OUTPUT_DIR [FILE ...]]

For each file: the body, the year, how many of the 200 table values were read, and every finding
of the import with where it is (page, line, table, row, column), printed and written to
OUTPUT_DIR/findings.txt. Without a file it reads the complete example as a reviewer would get
it — saved as a web page, and printed to PDF by LibreOffice when LibreOffice is installed — and
the two real PDFs of ``../shared/corpus`` when they are there; the files it makes go to
OUTPUT_DIR (a temporary directory, removed afterwards, when none is given).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import govreport as g

HERE = Path(__file__).resolve().parent
COMPLETE = HERE / "xinghe-2023" / "report.json"
SHARED = HERE.parent.parent / "shared" / "corpus"


def summary(path: Path) -> str:
    imported = g.read(path)
    report = imported.report
    cells = [cell for table in report.tables for _, cell in table.items()]
    read = sum(1 for cell in cells if not cell.is_blank)
    lines = [
        f"{path.name}: {report.metadata.issuing_body} {report.metadata.year}年, "
        f"{read} of {len(cells)} table values read, {len(imported.findings)} findings"
    ]
    for finding in imported.findings:
        where = finding.location.source or ""
        cell = "/".join(str(part) for part in (finding.location.table, finding.location.row) if part)
        lines.append(f"  {finding.severity.value:7} {finding.rule:26} {where:28} {cell:32} {finding.message[:60]}")
    return "\n".join(lines)


def samples(work: Path) -> list[Path]:
    """The complete example as a web page (and as a PDF, if LibreOffice is here), and real PDFs."""
    report = g.load(COMPLETE)
    page = work / "xinghe-2023.html"
    page.write_bytes(g.export(report, "html"))
    files = [page]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        source = work / "xinghe-2023.docx"
        source.write_bytes(g.export(report, "docx"))
        profile = f"-env:UserInstallation=file://{work / 'profile'}"
        command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(source)]
        subprocess.run(command, check=True, capture_output=True, timeout=180)
        files.append(work / "xinghe-2023.pdf")
    files.extend(sorted(SHARED.glob("*.pdf")))
    return files


def main(argv: list[str]) -> int:
    if not argv:
        with tempfile.TemporaryDirectory() as tmp:
            return main([tmp])
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    files = [Path(name) for name in argv[1:]] or samples(out)
    text = "\n".join(summary(path) for path in files)
    print(text)
    (out / "findings.txt").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
