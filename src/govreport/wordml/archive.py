"""Reading a .docx package that may come from anywhere: bounded, without DTDs, with clear errors.

A part is read only up to a size limit (whatever its header claims), and XML with a document
type declaration is refused before parsing, which rules out entity expansion of every kind
(OOXML parts never declare one).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from xml.etree import ElementTree as ET

from govreport.errors import GovReportError
from govreport.wordml.vocabulary import PKG_REL_NS, REL_CUSTOM_PROPERTIES, REL_OFFICE_DOCUMENT, VT_NS

#: No part of a report comes near this; a larger one is a zip bomb or not a report.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 5000
ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class DocxReadError(GovReportError, ValueError):
    """A file is not a Word document govreport can read."""


class Package:
    """The parts of a .docx, read on demand."""

    def __init__(self, data: bytes, *, source: str | None = None) -> None:
        self.source = source or "the document"
        if data.startswith(_OLE_MAGIC):
            raise DocxReadError(
                f"{self.source}: an encrypted (password-protected) Word document or an old .doc file; "
                "save it in Word as an unprotected .docx first"
            )
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError):
            raise DocxReadError(
                f"{self.source}: not a Word document (a .docx file is a zip archive and this is not one); "
                "if it is another kind of report, give it its own extension (.json, .txt) or name its format "
                "with --from"
            ) from None
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise DocxReadError(f"{self.source}: {len(infos)} entries in the archive; not a report")
        self._names = {info.filename: info for info in infos}

    def has(self, name: str) -> bool:
        return name in self._names

    def read(self, name: str) -> bytes | None:
        info = self._names.get(name)
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise DocxReadError(f"{self.source}: {name} is encrypted")
        try:
            with self._zip.open(info) as stream:
                data = stream.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise DocxReadError(f"{self.source}: cannot read {name} from the archive: {exc}") from None
        if len(data) > MAX_PART_BYTES:
            raise DocxReadError(f"{self.source}: {name} is larger than {MAX_PART_BYTES // (1024 * 1024)} MB")
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


def parse_xml(data: bytes, where: str) -> ET.Element:
    head = data[:2]
    probe = data.decode("utf-16", errors="replace").encode("utf-8") if head in (b"\xff\xfe", b"\xfe\xff") else data
    if _DTD.search(probe):
        raise DocxReadError(f"{where}: XML with a document type declaration; a Word document has none")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise DocxReadError(f"{where}: not well-formed XML ({exc})") from None


def looks_like_docx(data: bytes) -> bool:
    """A zip archive holding a Word document (for files whose name says nothing)."""
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
