"""The documentation in docs/ is true to the code.

- Every ```python block runs: a page's blocks run in order in one fresh namespace, with the
  repository root as the working directory (one test per page). A failure names the page, the
  block and the line in the Markdown file.
- docs/plugins.md documents every hook of :mod:`govreport.hookspecs` by name, with its signature.
- Every name in ``govreport.__all__`` appears as code somewhere in docs/.
- The tables of docs/format.md are the ones :mod:`govreport.spec` generates.
- Relative links between pages point at pages (and headings) that exist.
"""

from __future__ import annotations

import enum
import inspect
import os
import re
import sys
import traceback
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import govreport
from govreport import hookspecs

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
PAGES = sorted(DOCS.glob("*.md"))
EXPECTED_PAGES = {
    "index.md",
    "architecture.md",
    "model.md",
    "json.md",
    "format.md",
    "cli.md",
    "exporters.md",
    "plugins.md",
    "python-api.md",
    "performance.md",
    "robustness.md",
}

_OPENING_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


class CodeBlock:
    """A fenced code block: its language, the line of its first code line (1-based), its text,
    and the lines it takes in the page, fences included (0-based, end exclusive)."""

    def __init__(self, language: str, line: int, source: str, span: range) -> None:
        self.language = language
        self.line = line
        self.source = source
        self.span = span


def code_blocks(text: str) -> list[CodeBlock]:
    """The fenced code blocks of a Markdown text, in order (CommonMark fences, not nested)."""
    blocks: list[CodeBlock] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = _OPENING_FENCE.match(lines[i])
        if opening is None or (opening["fence"][0] == "`" and "`" in opening["info"]):
            i += 1
            continue
        fence = opening["fence"]
        language = opening["info"].strip().split(maxsplit=1)[0] if opening["info"].strip() else ""
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            body.append(lines[j])
            j += 1
        blocks.append(CodeBlock(language, i + 2, "\n".join(body) + "\n", range(i, j + 1)))
        i = j + 1
    return blocks


def prose_of(text: str) -> str:
    """The page without its fenced code blocks."""
    fenced = {number for block in code_blocks(text) for number in block.span}
    return "\n".join(line for number, line in enumerate(text.splitlines()) if number not in fenced)


def page_id(page: Path) -> str:
    return page.name


# -- the pages exist --------------------------------------------------------------------------------


def test_every_page_is_there() -> None:
    missing = EXPECTED_PAGES - {page.name for page in PAGES}
    assert not missing, f"pages missing from docs/: {', '.join(sorted(missing))}"


# -- every python block runs -------------------------------------------------------------------------


@pytest.fixture
def docs_sandbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """What a page sees: the repository root as cwd, no GOVREPORT_* settings, a fresh plugin
    registry; sys.path, warning filters and the registry are put back afterwards."""
    from govreport.plugins import reset_registry

    monkeypatch.chdir(REPO)
    for name in list(os.environ):
        if name.startswith("GOVREPORT_"):
            monkeypatch.delenv(name)
    saved_path = list(sys.path)
    reset_registry()
    with warnings.catch_warnings():
        yield
    reset_registry()
    sys.path[:] = saved_path


@pytest.mark.usefixtures("docs_sandbox")
@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_python_blocks_run(page: Path) -> None:
    blocks = [block for block in code_blocks(page.read_text(encoding="utf-8")) if block.language == "python"]
    filename = page.relative_to(REPO).as_posix()  # cwd is REPO, so tracebacks can show the Markdown lines
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem.replace('-', '_')}"}
    for number, block in enumerate(blocks, start=1):
        # Padded so that line numbers in a traceback are line numbers of the Markdown file.
        source = "\n" * (block.line - 1) + block.source
        where = f"{filename}: python block {number} of {len(blocks)} (line {block.line})"
        failure = None
        try:
            code = compile(source, filename, "exec", dont_inherit=True)
            exec(code, namespace)
        except BaseException as exc:  # reported below with the page and block
            if isinstance(exc, KeyboardInterrupt):
                raise
            # The traceback from the block's own frames on (this test's frame left out).
            tb = exc.__traceback__.tb_next if exc.__traceback__ is not None else None
            failure = "".join(traceback.format_exception(type(exc), exc, tb))
        if failure is not None:
            pytest.fail(f"{where} failed:\n{failure}", pytrace=False)


# -- the hook reference and the public names ------------------------------------------------------------


def hook_specs() -> dict[str, Callable[..., object]]:
    """The functions of govreport.hookspecs marked as hook specifications."""
    marker = f"{hookspecs.PROJECT}_spec"
    return {
        name: function
        for name, function in vars(hookspecs).items()
        if inspect.isfunction(function) and hasattr(function, marker)
    }


def signature_text(name: str, function: Callable[..., object]) -> str:
    """``def name(a: T) -> R`` as written in the source (annotations are strings there)."""
    signature = inspect.signature(function)
    empty = inspect.Parameter.empty
    parameters = ", ".join(
        p.name if p.annotation is empty else f"{p.name}: {p.annotation}" for p in signature.parameters.values()
    )
    result = "" if signature.return_annotation is inspect.Signature.empty else f" -> {signature.return_annotation}"
    return f"def {name}({parameters}){result}"


def test_every_hook_is_documented() -> None:
    specs = hook_specs()
    assert specs, "no hook specifications found in govreport.hookspecs"
    text = (DOCS / "plugins.md").read_text(encoding="utf-8")
    for name, function in specs.items():
        assert re.search(rf"^#+ .*\b{name}\b", text, re.MULTILINE), f"docs/plugins.md has no heading for hook {name}"
        signature = signature_text(name, function)
        assert signature in text, f"docs/plugins.md does not show the signature {signature!r}"


def code_text(text: str) -> str:
    """Everything a page shows as code: fenced blocks and inline code spans."""
    fenced = [block.source for block in code_blocks(text)]
    inline = re.findall(r"(`+)(.+?)\1", prose_of(text), flags=re.DOTALL)
    return "\n".join(fenced + [span for _ticks, span in inline])


def test_every_public_name_is_documented() -> None:
    code = "\n".join(code_text(page.read_text(encoding="utf-8")) for page in PAGES)
    missing = [name for name in govreport.__all__ if not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", code)]
    assert missing == [], f"public names that docs/ never shows as code: {', '.join(missing)}"


# -- the format page shows the spec as it is --------------------------------------------------------------


def _markdown_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _member(key: object) -> str:
    """`ActiveRow.REGULATIONS` for an enum member, else nothing."""
    return f"`{type(key).__name__}.{key.name}`" if isinstance(key, enum.Enum) else ""


def spec_tables() -> dict[str, str]:
    """The Markdown tables of docs/format.md, generated from govreport.spec (title → table)."""
    from govreport import spec

    tables: dict[str, str] = {}
    tables["sections"] = _markdown_table(
        ("", "key", "title", "variants accepted on import"),
        [(s.number, f"`{s.key}`", s.title, "；".join(s.variants)) for s in spec.SECTIONS],
    )
    for table in spec.TABLES:
        every_column = all(len(table.columns_of(row.key)) == len(table.columns) for row in table.rows)
        kinds = {cell.kind for cell in table.cells}
        header = ("row key", "enum member", "label", "under")
        if not every_column:
            header += ("its columns",)
        if len(kinds) > 1:
            header += ("holds",)
        rows = []
        for row in table.rows:
            cells = [cell for cell in table.cells if cell.row == row.key]
            line = (f"`{row.key}`", _member(row.key), row.label, " › ".join(row.groups))
            if not every_column:
                line += (", ".join(f"`{cell.column}`" for cell in cells),)
            if len(kinds) > 1:
                line += (" / ".join(sorted({cell.kind.value for cell in cells})),)
            rows.append(line)
        tables[f"{table.key} rows"] = _markdown_table(header, rows)
        tables[f"{table.key} columns"] = _markdown_table(
            ("column key", "enum member", "label", "under"),
            [(f"`{c.key}`", _member(c.key), c.label, " › ".join(c.groups)) for c in table.columns],
        )
    tables["body kinds"] = _markdown_table(
        ("body kind", "enum member", "label", "deadline (in the year after the report's)"),
        [
            (f"`{kind.value}`", _member(kind), spec.BODY_KIND_LABELS[kind], f"{month}月{day}日")
            for kind, (month, day) in spec.DEADLINES.items()
        ],
    )
    return tables


def spec_grids(width: int = 200) -> dict[str, str]:
    """Each table's printed grid, blank, as the text exporter draws it (illustrations, not checked)."""
    from govreport.exporters.text import draw_table
    from govreport.model import TABLE_TYPES

    return {key: draw_table(cls(), width) for key, cls in TABLE_TYPES.items()}


def test_format_page_shows_the_spec() -> None:
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    stale = [title for title, table in spec_tables().items() if table not in text]
    assert stale == [], f"docs/format.md does not show the current spec for: {', '.join(stale)}"


# -- links -----------------------------------------------------------------------------------------------


def slugify(heading: str) -> str:
    """Python-Markdown's default heading id (what MkDocs uses): ASCII only, lower case, dashes."""
    text = re.sub(r"`([^`]*)`", r"\1", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def anchors(page: Path) -> set[str]:
    """The ids of the page's headings."""
    prose = prose_of(page.read_text(encoding="utf-8"))
    return {slugify(match) for match in re.findall(r"^#+\s+(.*?)\s*#*$", prose, flags=re.MULTILINE)}


def _generated_assets() -> tuple[str, ...]:
    """The files docs/build_assets.py writes into docs/generated/ (git-ignored)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("docs_build_assets", DOCS / "build_assets.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.ASSETS)


GENERATED_ASSETS = _generated_assets()


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_relative_links_resolve(page: Path) -> None:
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", prose_of(page.read_text(encoding="utf-8"))):
        if re.match(r"[a-z]+:", target):
            continue  # http:, https:, mailto:
        path, _, anchor = target.partition("#")
        if path.startswith("generated/"):  # pictures docs/build_assets.py makes before the site is built
            if path.removeprefix("generated/") not in GENERATED_ASSETS:
                broken.append(target)
            continue
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists() or (anchor and linked.suffix == ".md" and anchor not in anchors(linked)):
            broken.append(target)
    assert broken == [], f"{page.name}: broken links: {', '.join(broken)}"


if __name__ == "__main__":  # print the tables and grids of docs/format.md
    for title, table in spec_tables().items():
        print(f"<!-- {title} -->\n{table}\n")
    for key, grid in spec_grids().items():
        print(f"<!-- {key} grid -->\n```text\n{grid}\n```\n")
