"""The ``docx`` importer: Word documents, our own exports and reports people wrote in Word.

- Our own export (it carries a structure record in its custom properties): read back into the
  same report; what a person changed in Word is what is imported.
- Any other .docx in the official layout, the official template included: sections by their
  headings, the three tables by their labels wherever they stand, values in three states.

Whatever cannot be placed (an unknown table, a picture, text in a table that is neither a label
nor a value) becomes a finding. See docs/docx.md. The reader (``govreport.wordml``) loads on
first use, not with this module.
"""

from __future__ import annotations

from govreport.formats import Imported, Importer
from govreport.hookspecs import hookimpl


def read_docx(data: bytes, *, source: str | None = None) -> Imported:
    from govreport.wordml.reading import read_document

    return read_document(data, source=source)


def looks_like_docx(data: bytes) -> bool:
    from govreport.wordml.archive import looks_like_docx as detect

    return detect(data)


DOCX = Importer(
    name="docx",
    description="A Word document: a govreport export, the official template, or a report written in Word",
    extensions=(".docx",),
    read=read_docx,
    detect=looks_like_docx,
)


@hookimpl
def register_importers() -> list[Importer]:
    return [DOCX]
