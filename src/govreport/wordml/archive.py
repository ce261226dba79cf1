"""Reading a .docx package that may come from anywhere: bounded, without DTDs, with clear errors.

A part is read only up to a size limit (whatever its header claims), and XML with a document
type declaration is refused before parsing, which rules out entity expansion of every kind
(OOXML parts never declare one). The XML is checked and parsed as text we decoded ourselves
(UTF-8 or UTF-16, the only encodings ECMA-376 allows), so that what is checked is what the parser
reads; and a part with more tags or deeper nesting than any Word document has is refused, so
that the tree stays small and no deeper than the reader can walk.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from xml.etree import ElementTree as ET

from govreport.errors import GovReportError
from govreport.wordml.vocabulary import PKG_REL_NS, REL_CUSTOM_PROPERTIES, REL_OFFICE_DOCUMENT, VT_NS

#: The largest part read, after decompression. A long report's document.xml is a few MB; a larger
#: part is a zip bomb or not a report.
MAX_PART_BYTES = 32 * 1024 * 1024
#: The most bytes read, after decompression, from all the parts of one package together. A report
#: of a hundred pages reads under 10 MB of XML; 400 headers of 32 MB each are a bomb of another shape.
MAX_PACKAGE_BYTES = 64 * 1024 * 1024
#: How a zip entry may be compressed: stored and deflate, the two Word writes. zipfile would also
#: expand bzip2 and LZMA, whose streams it cannot bound before they are decompressed.
_COMPRESSION_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
_METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA"}
#: The most entries an archive may list; a Word document has a few dozen.
MAX_ENTRIES = 5000
#: The most tags ("<") one XML part may hold, which bounds its elements. A complete report exported
#: by govreport has about 5,000, the official template 10,000, a long report written in Word some
#: 100,000; each element costs memory and time in the reader.
MAX_XML_TAGS = 500_000
#: The deepest nesting of elements in one XML part. Word documents stay well under 100 (a table in
#: a table adds 3); the reader walks the tree recursively, so a deeper one is refused up front.
MAX_XML_DEPTH = 256
ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names in a compound file's directory (UTF-16LE): Word's encrypted package, an old .doc.
_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_OLE_WORD_97 = "WordDocument".encode("utf-16-le")
_DTD = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARED_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


class DocxReadError(GovReportError, ValueError):
    """A file is not a Word document govreport can read."""


class Package:
    """The parts of a .docx, read on demand."""

    def __init__(self, data: bytes, *, source: str | None = None) -> None:
        self.source = source or "the document"
        if data.startswith(_OLE_MAGIC):
            raise DocxReadError(f"{self.source}: {_ole_kind(data)}")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except Exception:  # noqa: BLE001 - whatever a hostile archive makes zipfile raise, it is no archive we read
            if data.startswith(ZIP_MAGIC):
                raise DocxReadError(
                    f"{self.source}: a damaged or incomplete zip archive (its table of contents is missing or "
                    "unreadable; was the file cut short when it was copied or downloaded?)"
                ) from None
            raise DocxReadError(
                f"{self.source}: not a Word document (a .docx file is a zip archive and this is not one); "
                "if it is another kind of report, give it its own extension (.json, .txt) or name its format "
                "with --from"
            ) from None
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise DocxReadError(f"{self.source}: {len(infos)} entries in the archive; not a report")
        self._names = {info.filename: info for info in infos}
        # Decompressed bytes counted against MAX_PACKAGE_BYTES, per part (a part read again counts once).
        self._counted: dict[str, int] = {}

    def has(self, name: str) -> bool:
        return name in self._names

    def names(self) -> list[str]:
        """The names of the archive's entries (folders left out)."""
        return [name for name in self._names if not name.endswith("/")]

    def read(self, name: str) -> bytes | None:
        info = self._names.get(name)
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise DocxReadError(f"{self.source}: {name} is encrypted")
        if info.compress_type not in _COMPRESSION_METHODS:
            method = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
            raise DocxReadError(
                f"{self.source}: {name} is compressed with {method}; a Word document uses deflate (or none)"
            )
        spent = sum(self._counted.values()) - self._counted.get(name, 0)
        allowed = min(MAX_PART_BYTES, MAX_PACKAGE_BYTES - spent)
        try:
            with self._zip.open(info) as stream:
                # Never more than the limit, whatever the header claims: a header can lie.
                data = stream.read(allowed + 1)
        except Exception as exc:  # noqa: BLE001 - zlib.error, BadZipFile...: a damaged archive
            raise DocxReadError(f"{self.source}: cannot read {name} from the archive (damaged?): {exc}") from None
        if len(data) > allowed:
            if allowed == MAX_PART_BYTES:
                raise DocxReadError(
                    f"{self.source}: {name} is larger than {MAX_PART_BYTES // (1024 * 1024)} MB uncompressed "
                    "(MAX_PART_BYTES); no part of a report is that large"
                )
            raise DocxReadError(
                f"{self.source}: its parts are larger than {MAX_PACKAGE_BYTES // (1024 * 1024)} MB uncompressed "
                f"in all (MAX_PACKAGE_BYTES), reading {name}; no report is that large"
            )
        self._counted[name] = len(data)
        return data

    def xml(self, name: str) -> ET.Element | None:
        data = self.read(name)
        return None if data is None else parse_xml(data, f"{self.source}: {name}")

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """The relationships of a part: id → (type, target part name); "" for the package."""
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        found: dict[str, tuple[str, str]] = {}
        if rels is None:
            return found
        for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id", "")] = (rel.get("Type", ""), name)
        return found

    def related(self, part: str, kind: str) -> str | None:
        """The first part ``part`` relates to with relationship type ``kind``."""
        return next((name for rel_type, name in self.relationships(part).values() if rel_type == kind), None)

    def main_document(self) -> str:
        name = self.related("", REL_OFFICE_DOCUMENT) or "word/document.xml"
        if not self.has(name):
            raise DocxReadError(f"{self.source}: a zip archive without a Word document in it (no {name})")
        return name

    def custom_properties(self) -> dict[str, str]:
        """The user-defined document properties that hold text."""
        name = self.related("", REL_CUSTOM_PROPERTIES) or "docProps/custom.xml"
        root = self.xml(name)
        if root is None:
            return {}
        values: dict[str, str] = {}
        for prop in root:
            text = prop.find(f"{{{VT_NS}}}lpwstr")
            if text is None:
                text = prop.find(f"{{{VT_NS}}}lpstr")
            if text is not None and prop.get("name"):
                values[prop.get("name", "")] = text.text or ""
        return values


def _ole_kind(data: bytes) -> str:
    """What a compound file (the container of encrypted .docx files and of old .doc files) is."""
    if _OLE_ENCRYPTED in data:
        return "a password-protected (encrypted) Word document; remove the password in Word and save it again"
    if _OLE_WORD_97 in data:
        return "an old Word 97-2003 document (.doc), not a .docx; open it in Word and save it as .docx"
    return (
        "not a .docx but a compound file: an encrypted (password-protected) Word document or an old .doc file; "
        "save it in Word as an unprotected .docx first"
    )


def _xml_text(data: bytes, where: str) -> str:
    """The part as text: UTF-8 or UTF-16 (with or without a byte-order mark), as ECMA-376 allows."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"<\x00"):
        encoding = "utf-16-le"
    elif data.startswith(b"\x00<"):
        encoding = "utf-16-be"
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocxReadError(
            f"{where}: not {encoding.removesuffix('-sig').upper()} text (byte {exc.start}); "
            "a Word document's XML is UTF-8 or UTF-16"
        ) from None
    declared = _DECLARED_ENCODING.match(text)
    name = declared.group(1).lower().replace("_", "-") if declared else "utf-8"
    if not (name.startswith(("utf-8", "utf8", "utf-16", "utf16")) or name in {"ascii", "us-ascii"}):
        raise DocxReadError(f"{where}: XML in {name}; a Word document's XML is UTF-8 or UTF-16")
    return text


def parse_xml(data: bytes, where: str) -> ET.Element:
    """The root of an XML part, bounded: no DTD, at most MAX_XML_TAGS tags, MAX_XML_DEPTH deep."""
    text = _xml_text(data, where)
    if _DTD.search(text):
        raise DocxReadError(f"{where}: XML with a document type declaration; a Word document has none")
    # Every element starts with a "<", so counting them (at C speed) bounds the tree before it is built.
    tags = text.count("<")
    if tags > MAX_XML_TAGS:
        raise DocxReadError(
            f"{where}: {tags:,} XML tags, more than {MAX_XML_TAGS:,} (MAX_XML_TAGS); far more than any report needs"
        )
    try:
        # Parsing our decoded text (a str) makes the parser read it as we checked it, whatever
        # encoding its declaration names.
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise DocxReadError(f"{where}: not well-formed XML ({exc})") from None
    level, depth = [root], 1
    while level:  # level by level, not recursively: the check must not be what overflows
        level = [child for element in level for child in element]
        depth += bool(level)
        if depth > MAX_XML_DEPTH:
            raise DocxReadError(
                f"{where}: elements nested more than {MAX_XML_DEPTH} deep (MAX_XML_DEPTH); "
                "no Word document nests that deeply"
            )
    return root


def looks_like_docx(data: bytes) -> bool:
    """A zip archive holding a Word document (for files whose name says nothing)."""
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except Exception:  # noqa: BLE001 - detection never fails: a file that is no archive is not ours
        return False
