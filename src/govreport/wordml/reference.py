"""A user's reference .docx, used as pandoc uses ``--reference-doc``: its styles, page setup,
headers and footers make the look of the export; the content is the report's.

- **Styles** come from the reference's ``styles.xml`` (with the theme and numbering its styles may
  rely on), matched by name, since Word renumbers style ids when it saves (and a Chinese Word
  names them 1, 2, a …). A style of ours the reference lacks is added to it as govreport defines
  it, built on a base style that holds what our Normal holds, so that it looks as in a plain
  export whatever the reference's Normal is; a finding (a :class:`ReferenceWarning`) names
  every style added.
- **Page setup** (paper, margins, columns, the line grid, a title page) is the reference's
  section's.
- **Headers and footers** (a letterhead, 红头) are the reference's, with the pictures they show.
  A reference without footers keeps govreport's page numbers, “— N —” on the outer side.

So the official template itself, an office's own Word file and a govreport export edited in Word
can all be references. ``govreport reference-docx`` writes a document to start from.
"""

from __future__ import annotations

import posixpath
import warnings
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import attrs

from govreport.findings import Finding, Location, Severity
from govreport.formats import OptionError
from govreport.wordml import styles as our_styles
from govreport.wordml.archive import DocxReadError, Package
from govreport.wordml.package import Part
from govreport.wordml.vocabulary import (
    CT_NS,
    KIND_BY_STYLE,
    PKG_REL_NS,
    R_NS,
    REL_STYLES,
    REQUIRED_STYLES,
    ROLE_BY_STYLE,
    TABLE_STYLE,
    W_NS,
    style_id,
    w,
)
from govreport.wordml.xmltext import attribute

_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_REL_THEME = _OFFICE + "theme"
_REL_NUMBERING = _OFFICE + "numbering"
_REL_SETTINGS = _OFFICE + "settings"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CT_HEADER = _WML + "header+xml"
CT_FOOTER = _WML + "footer+xml"
#: The style our styles build on when the reference's Normal is not ours.
BASE_STYLE = "GovReport Base"
#: Parts of a section that are not its page setup: what refers to other parts, and revisions.
_NOT_PAGE_SETUP = {w("headerReference"), w("footerReference"), w("printerSettings"), w("sectPrChange")}
_PREFIXES = {W_NS: "w", R_NS: "r"}


class ReferenceDocxError(OptionError):
    """The reference document cannot be used: unreadable, or not a Word document."""


class ReferenceWarning(UserWarning):
    """Something of the reference document could not be used as it is; ``finding`` says what."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


@attrs.frozen(kw_only=True)
class HeaderFooter:
    """A header or footer of the reference: which pages it is for, and its part in the export."""

    kind: str  # "header" or "footer"
    type: str  # "default", "even" or "first"
    part: str  # "word/reference-header1.xml"


@attrs.frozen(kw_only=True)
class Reference:
    """What an export takes from a reference document."""

    styles: bytes
    #: style name → its id in the reference (or in what was added to it)
    ids: dict[str, str]
    theme: bytes | None
    numbering: bytes | None
    #: the section's page setup (``w:pgSz``, ``w:pgMar``, ``w:cols``, ``w:docGrid`` …), as XML
    page_setup: str
    headers: tuple[HeaderFooter, ...]
    footers: tuple[HeaderFooter, ...]
    #: the headers' and footers' parts, their relationships and the pictures they show
    parts: tuple[Part, ...]
    #: whether the reference has different headers and footers on even pages
    even_and_odd: bool
    findings: tuple[Finding, ...] = ()


def _xml(element: ET.Element) -> str:
    """An element of the w: and r: namespaces as WordprocessingML text (others are left out)."""
    namespace, _, local = element.tag[1:].partition("}")
    prefix = _PREFIXES.get(namespace)
    if prefix is None:
        return ""
    attributes = ""
    for name, value in element.attrib.items():
        attribute_namespace, _, attribute_local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
        attribute_prefix = _PREFIXES.get(attribute_namespace)
        if attribute_prefix is not None:
            attributes += f' {attribute_prefix}:{attribute_local}="{attribute(value)}"'
    children = "".join(_xml(child) for child in element)
    return (
        f"<{prefix}:{local}{attributes}>{children}</{prefix}:{local}>"
        if children
        else f"<{prefix}:{local}{attributes}/>"
    )


def _styles_by_name(root: ET.Element) -> dict[str, tuple[str, str]]:
    """name → (id, type) of every style of a styles part."""
    found: dict[str, tuple[str, str]] = {}
    for style in root.iter(w("style")):
        name = style.find(w("name"))
        if name is not None:
            found.setdefault(name.get(w("val"), ""), (style.get(w("styleId"), ""), style.get(w("type"), "")))
    return found


def _default_style(root: ET.Element, kind: str) -> str | None:
    for style in root.iter(w("style")):
        if style.get(w("type")) == kind and style.get(w("default")) in ("1", "true", "on"):
            return style.get(w("styleId"))
    return None


def _expected_type(name: str) -> str:
    if name in KIND_BY_STYLE:
        return "paragraph"
    if name in ROLE_BY_STYLE:
        return "character"
    assert name == TABLE_STYLE
    return "table"


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}{n}"
    taken.add(candidate)
    return candidate


def _with_our_styles(data: bytes, root: ET.Element, where: str) -> tuple[bytes, dict[str, str], list[str]]:
    """The reference's styles part with the styles of ours it lacks added; their ids; their names."""
    found = _styles_by_name(root)
    missing = [name for name in REQUIRED_STYLES if found.get(name, ("", ""))[1] != _expected_type(name)]
    ids = {name: found[name][0] for name in REQUIRED_STYLES if name not in missing}
    if not missing:
        return data, ids, []
    text = data.decode("utf-8")
    if f'xmlns:w="{W_NS}"' not in text[: text.find(">", text.find("<w:styles")) + 1] or "</w:styles>" not in text:
        raise ReferenceDocxError(f"{where}: its styles part does not use the w: prefix for WordprocessingML")
    taken = {style.get(w("styleId"), "") for style in root.iter(w("style"))}
    added: list[str] = []
    paragraph_base = _unique(style_id(BASE_STYLE), taken)
    added.append(our_styles.base_style(paragraph_base, BASE_STYLE))
    character_base = _default_style(root, "character")
    if character_base is None:
        character_base = _unique("DefaultParagraphFont", taken)
        added.append(
            f'<w:style w:type="character" w:default="1" w:styleId="{character_base}">'
            '<w:name w:val="Default Paragraph Font"/><w:semiHidden/></w:style>'
        )
    table_base = _default_style(root, "table")
    if table_base is None:
        table_base = _unique("TableNormal", taken)
        added.append(
            f'<w:style w:type="table" w:default="1" w:styleId="{table_base}"><w:name w:val="Normal Table"/>'
            "<w:semiHidden/></w:style>"
        )
    for name in missing:
        ids[name] = _unique(style_id(name), taken)
    bases = our_styles.StyleBases(paragraph=paragraph_base, character=character_base, table=table_base, ids=ids)
    definitions = our_styles.style_definitions(bases)
    added.extend(definitions[name] for name in missing)
    end = text.rindex("</w:styles>")
    return (text[:end] + "".join(added) + text[end:]).encode("utf-8"), ids, missing


def _content_types(package: Package) -> dict[str, str]:
    """Part name → content type, from the reference's [Content_Types].xml (defaults by extension as ".ext")."""
    root = package.xml("[Content_Types].xml")
    types: dict[str, str] = {}
    if root is None:
        return types
    for item in root:
        if item.tag == f"{{{CT_NS}}}Default":
            types["." + item.get("Extension", "").lower()] = item.get("ContentType", "")
        elif item.tag == f"{{{CT_NS}}}Override":
            types[item.get("PartName", "").lstrip("/")] = item.get("ContentType", "")
    return types


def _content_type(types: dict[str, str], name: str) -> str:
    return types.get(name) or types.get(posixpath.splitext(name)[1].lower(), "application/octet-stream")


def _copy_part(
    package: Package, source: str, target: str, content_type: str, types: dict[str, str], copied: dict[str, str]
) -> Iterator[Part]:
    """The part under its new name, its relationships re-pointed, and what they point at."""
    data = package.read(source)
    if data is None:
        return
    yield Part(name=target, content_type=content_type, data=data)
    folder, base = posixpath.split(source)
    rels = package.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
    if rels is None:
        return
    items = []
    for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship"):
        rel_id, kind, where = rel.get("Id", ""), rel.get("Type", ""), rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            items.append(
                f'<Relationship Id="{attribute(rel_id)}" Type="{attribute(kind)}" Target="{attribute(where)}" '
                'TargetMode="External"/>'
            )
            continue
        name = where.lstrip("/") if where.startswith("/") else posixpath.normpath(posixpath.join(folder, where))
        if name not in copied:  # a picture two headers show is copied once
            copied[name] = f"word/media/reference-{len(copied) + 1}-{posixpath.basename(name)}"
            content = package.read(name)
            if content is not None:
                yield Part(name=copied[name], content_type=_content_type(types, name), data=content)
        relative = posixpath.relpath(copied[name], posixpath.dirname(target))
        items.append(
            f'<Relationship Id="{attribute(rel_id)}" Type="{attribute(kind)}" Target="{attribute(relative)}"/>'
        )
    target_folder, target_base = posixpath.split(target)
    yield Part(
        name=posixpath.join(target_folder, "_rels", f"{target_base}.rels"),
        content_type="",  # a .rels part: the package's default for the extension
        data=(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG_REL_NS}">{"".join(items)}</Relationships>'
        ).encode(),
    )


def _headers_and_footers(
    package: Package, document: str, section: ET.Element | None
) -> tuple[list[HeaderFooter], list[HeaderFooter], list[Part]]:
    headers: list[HeaderFooter] = []
    footers: list[HeaderFooter] = []
    parts: list[Part] = []
    if section is None:
        return headers, footers, parts
    relationships = package.relationships(document)
    types = _content_types(package)
    copied: dict[str, str] = {}
    for element in section:
        kind = {w("headerReference"): "header", w("footerReference"): "footer"}.get(element.tag)
        if kind is None:
            continue
        related = relationships.get(element.get(f"{{{R_NS}}}id", ""))
        if related is None or not package.has(related[1]):
            continue
        found = headers if kind == "header" else footers
        target = f"word/reference-{kind}{len(found) + 1}.xml"
        content_type = CT_HEADER if kind == "header" else CT_FOOTER
        parts.extend(_copy_part(package, related[1], target, content_type, types, copied))
        found.append(HeaderFooter(kind=kind, type=element.get(w("type"), "default"), part=target))
    return headers, footers, parts


def _even_and_odd(package: Package, document: str) -> bool:
    name = package.related(document, _REL_SETTINGS)
    root = package.xml(name) if name else None
    if root is None:
        return False
    element = root.find(w("evenAndOddHeaders"))
    return element is not None and element.get(w("val"), "true") not in ("0", "false", "off")


def load_reference(path: Path) -> Reference:
    """What the export takes from the reference, with a finding for each thing it could not take."""
    where = f"reference_docx {path}"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReferenceDocxError(f"{where}: cannot read: {exc.strerror or exc}") from None
    try:
        package = Package(data, source=where)
        document = package.main_document()
        styles_name = package.related(document, REL_STYLES)
        styles_data = package.read(styles_name) if styles_name else None
        if styles_name is None or styles_data is None:
            raise ReferenceDocxError(f"{where}: has no styles part")
        root = package.xml(styles_name)
        assert root is not None
        styles_data, ids, missing = _with_our_styles(styles_data, root, where)
        body = package.xml(document)
        section = body.find(f"{w('body')}/{w('sectPr')}") if body is not None else None
        page_setup = "" if section is None else "".join(_xml(e) for e in section if e.tag not in _NOT_PAGE_SETUP)
        headers, footers, parts = _headers_and_footers(package, document, section)
        theme = package.related(document, _REL_THEME)
        numbering = package.related(document, _REL_NUMBERING)
        findings = []
        if missing:
            findings.append(
                Finding(
                    rule="export.reference_style_missing",
                    severity=Severity.WARNING,
                    message=f"参考文档缺少{len(missing)}个govreport样式，按govreport的默认样式补上：{'、'.join(missing)}",
                    location=Location(source=str(path)),
                    found=", ".join(missing),
                )
            )
        return Reference(
            styles=styles_data,
            ids=ids,
            theme=package.read(theme) if theme else None,
            numbering=package.read(numbering) if numbering else None,
            page_setup=page_setup,
            headers=tuple(headers),
            footers=tuple(footers),
            parts=tuple(parts),
            even_and_odd=_even_and_odd(package, document),
            findings=tuple(findings),
        )
    except DocxReadError as exc:
        raise ReferenceDocxError(str(exc)) from None


def warn(reference: Reference) -> None:
    """Each finding about the reference as a :class:`ReferenceWarning` (``govreport render`` prints them)."""
    for finding in reference.findings:
        warnings.warn(ReferenceWarning(finding), stacklevel=3)
