"""The work for one input of a collect, in a worker process: hash, read, check, and turn into rows.

:func:`collect_one` is a module-level function of picklable arguments that never raises for a bad
input (as :func:`govreport.batch.check_one`): the pool of :mod:`govreport.batch` runs it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from govreport.batch import Outcome, describe_failure, timed_out_while
from govreport.dataset.rows import ReportRows
from govreport.pool import CallTimedOut, Interrupted
from govreport.sandbox import plugin_code

_CHUNK = 1 << 20


def content_hash(path: str) -> str | None:
    """The SHA-256 of the file's bytes, in hex: the report's id in the corpus; None if it cannot be
    read (reading it then fails with the importer's usual message)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


@dataclass
class Collected(Outcome):
    """An outcome of :func:`collect_one`: the rows of the report, or the error (and, if the file
    could be read, its content hash)."""

    report_id: str | None = None
    rows: ReportRows | None = None


def collect_one(source: str, input_format: str | None, lang: str = "zh") -> Collected:
    """Read ``source`` (with ``input_format``, or the importer its name or content suggests), check it
    and make its rows; importer findings are stored with the checks' and listed in ``notes``."""
    from govreport.api import check, read
    from govreport.dataset.rows import report_rows
    from govreport.findings import finding_lines
    from govreport.plugins import get_registry

    outcome = Collected(source=source)
    step = "reading"
    try:
        with plugin_code():
            imported = read(source, input_format)
            outcome.notes = finding_lines(source, imported.findings, lang=lang)
            with open(source, "rb") as stream:
                data = stream.read()
            outcome.report_id = hashlib.sha256(data).hexdigest()
            importer = input_format or get_registry().importer_for(source, data).name
            step = "checking"
            result = check(imported.report, imported=imported.findings)
            step = "making its rows"
            outcome.rows = report_rows(
                report_id=outcome.report_id,
                source=source,
                importer=importer,
                size=len(data),
                report=imported.report,
                findings=result.findings,
                collected_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            )
            outcome.has_errors = result.has_errors
    except Interrupted:
        raise
    except CallTimedOut as exc:
        outcome.error = timed_out_while(source, input_format, exc, step)
    except (Exception, SystemExit, KeyboardInterrupt) as exc:  # noqa: BLE001 - one input's failure is recorded, never fatal
        outcome.error, outcome.internal = describe_failure(source, exc, step)
    if outcome.error is not None and outcome.report_id is None:
        outcome.report_id = content_hash(source)
    return outcome
