"""Writing the .docx package: the parts, their content types and relationships, one zip.

The zip is deterministic: parts in a fixed order, every entry dated 1980-01-01 and marked as
made on MS-DOS, so the same report gives the same bytes on every run and machine with the
same zlib.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

import attrs

from govreport.wordml.vocabulary import CT_NS, PKG_REL_NS, REL_CUSTOM_PROPERTIES, REL_OFFICE_DOCUMENT, REL_STYLES
from govreport.wordml.xmltext import attribute, escape

_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."

REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
REL_APP = _OFFICE + "extended-properties"
REL_SETTINGS = _OFFICE + "settings"
REL_FONT_TABLE = _OFFICE + "fontTable"
REL_FOOTER = _OFFICE + "footer"
REL_THEME = _OFFICE + "theme"
REL_NUMBERING = _OFFICE + "numbering"

CT_DOCUMENT = _WML + "document.main+xml"
CT_STYLES = _WML + "styles+xml"
CT_SETTINGS = _WML + "settings+xml"
CT_FONT_TABLE = _WML + "fontTable+xml"
CT_FOOTER = _WML + "footer+xml"
CT_NUMBERING = _WML + "numbering+xml"
CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_APP = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


@attrs.frozen(kw_only=True)
class Part:
    """One part of the package: its name in the zip, its content type, its bytes."""

    name: str  # "word/styles.xml"
    content_type: str
    data: bytes


@attrs.frozen(kw_only=True)
class DocumentParts:
    """Everything the document part relates to. Our footers have fixed ids (``ODD_FOOTER_ID``,
    ``EVEN_FOOTER_ID``); a reference document's headers and footers come as ``extra`` parts, with
    the relationships the document has to them."""

    document: bytes
    styles: bytes
    settings: bytes
    font_table: bytes
    odd_footer: bytes | None
    even_footer: bytes | None
    core: bytes
    app: bytes
    #: the structure record (the default reference document has none)
    custom: bytes | None
    #: a reference document's theme and numbering, which its styles may rely on
    theme: bytes | None = None
    numbering: bytes | None = None
    #: more parts (a ``.rels`` part has the content type ""), and the document's (id, type, target) to them
    extra: tuple[Part, ...] = ()
    extra_relationships: tuple[tuple[str, str, str], ...] = ()


ODD_FOOTER_ID = "rIdFooterOdd"
EVEN_FOOTER_ID = "rIdFooterEven"


def _relationships(targets: list[tuple[str, str, str]]) -> bytes:
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{attribute(target)}"/>' for rid, kind, target in targets
    )
    return f'{_DECLARATION}<Relationships xmlns="{PKG_REL_NS}">{items}</Relationships>'.encode()


def _content_types(parts: list[Part]) -> bytes:
    overrides = "".join(
        f'<Override PartName="/{attribute(part.name)}" ContentType="{attribute(part.content_type)}"/>'
        for part in parts
        if part.content_type  # a .rels part has the default for its extension
    )
    return (
        f'{_DECLARATION}<Types xmlns="{CT_NS}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
    ).encode()


def build_package(parts: DocumentParts) -> bytes:
    """The .docx file."""
    word: list[Part] = [
        Part(name="word/document.xml", content_type=CT_DOCUMENT, data=parts.document),
        Part(name="word/styles.xml", content_type=CT_STYLES, data=parts.styles),
        Part(name="word/settings.xml", content_type=CT_SETTINGS, data=parts.settings),
        Part(name="word/fontTable.xml", content_type=CT_FONT_TABLE, data=parts.font_table),
    ]
    document_rels = [
        ("rIdStyles", REL_STYLES, "styles.xml"),
        ("rIdSettings", REL_SETTINGS, "settings.xml"),
        ("rIdFontTable", REL_FONT_TABLE, "fontTable.xml"),
    ]
    for rid, name, data in (
        (ODD_FOOTER_ID, "footer1.xml", parts.odd_footer),
        (EVEN_FOOTER_ID, "footer2.xml", parts.even_footer),
    ):
        if data is not None:
            word.append(Part(name=f"word/{name}", content_type=CT_FOOTER, data=data))
            document_rels.append((rid, REL_FOOTER, name))
    if parts.theme is not None:
        word.append(Part(name="word/theme/theme1.xml", content_type=CT_THEME, data=parts.theme))
        document_rels.append(("rIdTheme", REL_THEME, "theme/theme1.xml"))
    if parts.numbering is not None:
        word.append(Part(name="word/numbering.xml", content_type=CT_NUMBERING, data=parts.numbering))
        document_rels.append(("rIdNumbering", REL_NUMBERING, "numbering.xml"))
    word.extend(parts.extra)
    document_rels.extend(parts.extra_relationships)
    properties = [
        Part(name="docProps/core.xml", content_type=CT_CORE, data=parts.core),
        Part(name="docProps/app.xml", content_type=CT_APP, data=parts.app),
    ]
    package_targets = [
        ("rIdDocument", REL_OFFICE_DOCUMENT, "word/document.xml"),
        ("rIdCore", REL_CORE, "docProps/core.xml"),
        ("rIdApp", REL_APP, "docProps/app.xml"),
    ]
    if parts.custom is not None:
        properties.append(Part(name="docProps/custom.xml", content_type=CT_CUSTOM, data=parts.custom))
        package_targets.append(("rIdCustom", REL_CUSTOM_PROPERTIES, "docProps/custom.xml"))
    package_rels = _relationships(package_targets)
    entries: dict[str, bytes] = {
        "[Content_Types].xml": _content_types(word + properties),
        "_rels/.rels": package_rels,
        "word/_rels/document.xml.rels": _relationships(document_rels),
    }
    entries.update((part.name, part.data) for part in word + properties)
    return zip_entries(entries)


def zip_entries(entries: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the default depends on the platform
            info.external_attr = 0
            archive.writestr(info, data)
    return buffer.getvalue()


def core_properties(*, title: str, creator: str, date: str | None) -> bytes:
    """docProps/core.xml; ``date`` (W3CDTF) is derived from the report, never the clock."""
    dates = (
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>'
        if date
        else ""
    )
    return (
        f"{_DECLARATION}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>"
        f"<cp:lastModifiedBy>govreport</cp:lastModifiedBy><cp:revision>1</cp:revision>{dates}"
        "<dc:language>zh-CN</dc:language></cp:coreProperties>"
    ).encode()


def app_properties() -> bytes:
    return (
        f"{_DECLARATION}"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>govreport</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()
