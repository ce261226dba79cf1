"""The ``json`` importer: reads the govreport JSON document."""

from __future__ import annotations

from govreport.formats import Imported, Importer
from govreport.hookspecs import hookimpl


def read_json(data: bytes, *, source: str | None = None) -> Imported:
    from govreport.serialize import loads

    return Imported(report=loads(data, source=source))


def looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


JSON = Importer(
    name="json",
    description="The govreport JSON document",
    extensions=(".json",),
    read=read_json,
    detect=looks_like_json,
)


@hookimpl
def register_importers() -> list[Importer]:
    return [JSON]
