"""Layout facts the built-in exporters share (the signature's indents, how row labels align), so
that the HTML and DOCX outputs cannot drift apart. The helpers plugins use too are public, in
:mod:`govreport.exporting`."""

from __future__ import annotations

from govreport.spec import GridRole, TableSpec
from govreport.textwidth import display_width

#: GB/T 9704-2012 7.3.5: the date stands four characters in from the right edge of the text; the
#: issuing authority is centred over it, and never closer than two characters to the edge.
DATE_RIGHT = 4.0
AUTHORITY_RIGHT_MIN = 2.0


def signature_indents(authority: str, date: str) -> tuple[float, float]:
    """The right indents, in characters of the body text, of the authority line and of the date.

    Widths count a Chinese character as one character and a digit as half of one (the digits of
    the Latin face are half as wide). Without a date the authority stands two characters in.
    """
    if not date:
        return AUTHORITY_RIGHT_MIN, 0.0
    half = (display_width(date) - display_width(authority)) / 4  # half the difference, in characters
    date_right = max(DATE_RIGHT, AUTHORITY_RIGHT_MIN - half)
    return date_right + half, date_right


def row_labels_centred(spec: TableSpec) -> bool:
    """Whether the template centres the table's row labels: it does where they stand under a column
    header of their own (table 二); elsewhere (table 三) it sets them left."""
    at_left = {cell.role for cell in spec.grid if cell.column == 0}
    return {GridRole.COLUMN_HEADER, GridRole.ROW_HEADER} <= at_left
