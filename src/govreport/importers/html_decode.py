"""A saved web page's bytes as text: the charset from its byte-order mark, or as the page declares it.

Government sites declare GB2312, GBK, GB18030 or UTF-8, in ``<meta charset>`` or in
``<meta http-equiv="Content-Type" content="…; charset=…">``; pages that say GB2312 use GBK's
characters as often as not, so every one of the three is read as GB18030, their superset. The
declaration is read with lxml from the page's head parsed byte for byte (latin-1), not by a
pattern over the markup. A page that declares nothing is UTF-8 if it decodes as such, else
GB18030.
"""

from __future__ import annotations

import codecs

from govreport.errors import GovReportError

#: The largest page read: a saved report page is 50–300 kB, a page with inline images a few MB.
MAX_HTML_BYTES = 16 * 1024 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CHINESE = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}


class HtmlReadError(GovReportError, ValueError):
    """A web page that cannot be read: too large, or not in an encoding it declares."""


def declared_charset(data: bytes) -> str | None:
    """The charset the page's ``<meta>`` elements declare, lower case, if any."""
    import lxml.html

    head = data[:8192].decode("latin-1")
    try:
        root = lxml.html.document_fromstring(head)
    except Exception:  # noqa: BLE001 - lxml raises on pages with nothing in them
        return None
    for meta in root.iter("meta"):
        charset = meta.get("charset")
        if charset:
            return charset.strip().lower()
        if (meta.get("http-equiv") or "").lower() == "content-type":
            content = (meta.get("content") or "").lower()
            for part in content.split(";"):
                key, _, value = part.strip().partition("=")
                if key.strip() == "charset" and value.strip():
                    return value.strip().strip("'\"")
    return None


def decode_page(data: bytes, where: str) -> tuple[str, int]:
    """The page's text, and how many bytes in it could not be read (each is U+FFFD in the text)."""
    if len(data) > MAX_HTML_BYTES:
        raise HtmlReadError(
            f"{where}a web page of {len(data) / 1024 / 1024:.1f} MB, more than the 16 MB one can be (MAX_HTML_BYTES)"
        )
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, where, "its byte-order mark")
    charset = declared_charset(data)
    if charset is not None:
        encoding = _CHINESE.get(charset, charset)
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise HtmlReadError(f"{where}the page declares the unknown charset {charset!r}") from None
        return _decode(data, encoding, where, f"its <meta> charset {charset!r}")
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError:
        return _decode(data, "gb18030", where, "no declared charset, and it is not UTF-8")


def _decode(data: bytes, encoding: str, where: str, why: str) -> tuple[str, int]:
    try:
        return data.decode(encoding), 0
    except UnicodeDecodeError as exc:
        # A page that says GB2312 but holds a stray byte: decoded with U+FFFD for it, never guessed.
        broken = data.decode(encoding, errors="replace")
        replaced = broken.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
        if replaced > max(8, len(broken) // 1000):
            raise HtmlReadError(
                f"{where}not {encoding} text as {why} says: byte 0x{data[exc.start]:02x} at offset {exc.start} "
                "and many more cannot be read"
            ) from None
        return broken, replaced
