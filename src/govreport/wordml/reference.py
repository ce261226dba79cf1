"""A user's reference .docx: its styles replace ours; every style the export uses must be in it.

Only the look comes from the reference (styles.xml, with the theme and numbering its styles may
rely on); the page setup, footers and content stay those of the official format. Styles are
matched by name, since Word may renumber style ids when it saves.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from govreport.formats import OptionError
from govreport.wordml.archive import DocxReadError, Package
from govreport.wordml.vocabulary import KIND_BY_STYLE, REL_STYLES, REQUIRED_STYLES, ROLE_BY_STYLE, TABLE_STYLE, w

_REL_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_REL_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"


class ReferenceDocxError(OptionError):
    """The reference document cannot be used: unreadable, or without styles the export needs."""


@attrs.frozen(kw_only=True)
class ReferenceStyles:
    styles: bytes
    #: style name → its id in the reference
    ids: dict[str, str]
    theme: bytes | None
    numbering: bytes | None


def _expected_type(name: str) -> str:
    if name in KIND_BY_STYLE:
        return "paragraph"
    if name in ROLE_BY_STYLE:
        return "character"
    assert name == TABLE_STYLE
    return "table"


def load_reference(path: Path) -> ReferenceStyles:
    """The reference's styles, or an error naming every style it lacks."""
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
        found: dict[str, tuple[str, str]] = {}
        for style in root.iter(w("style")):
            name_element = style.find(w("name"))
            if name_element is not None:
                found[name_element.get(w("val"), "")] = (style.get(w("styleId"), ""), style.get(w("type"), ""))
        missing = [
            f"{name} ({_expected_type(name)} style)"
            for name in REQUIRED_STYLES
            if name not in found or found[name][1] != _expected_type(name)
        ]
        if missing:
            raise ReferenceDocxError(
                f"{where} lacks {len(missing)} of the styles a govreport document uses: {', '.join(missing)}. "
                "Start from a govreport export (govreport render REPORT --to docx), change its styles in Word "
                "and use that file."
            )
        theme = package.related(document, _REL_THEME)
        numbering = package.related(document, _REL_NUMBERING)
        return ReferenceStyles(
            styles=styles_data,
            ids={name: found[name][0] for name in REQUIRED_STYLES},
            theme=package.read(theme) if theme else None,
            numbering=package.read(numbering) if numbering else None,
        )
    except DocxReadError as exc:
        raise ReferenceDocxError(str(exc)) from None
