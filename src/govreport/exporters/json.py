"""The ``json`` exporter: the lossless JSON document (see :mod:`govreport.serialize`)."""

from __future__ import annotations

from govreport.formats import Exporter, ExportOption
from govreport.hookspecs import hookimpl
from govreport.model import Report


def render_json(report: Report, *, indent: int = 2) -> bytes:
    from govreport.exporting import encode_utf8
    from govreport.serialize import dumps

    return encode_utf8(dumps(report, indent=indent if indent > 0 else None), report, "json")


JSON = Exporter(
    name="json",
    description="The govreport JSON document: lossless, schema-versioned",
    extension=".json",
    media_type="application/json",
    render=render_json,
    options=(ExportOption(name="indent", type="int", default=2, help="spaces per level; 0 for one line"),),
)


@hookimpl
def register_exporters() -> list[Exporter]:
    return [JSON]
