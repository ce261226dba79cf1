"""The reading layer: every importer parses its input into a :class:`~govreport.reading.document.Document`,
and one assembler (:func:`~govreport.reading.assemble.assemble`) turns that into a report.

- :mod:`~govreport.reading.document` — the neutral document: text lines and grids, with origins;
- :mod:`~govreport.reading.assemble` — the document into a report (sections, tables, metadata …);
- :mod:`~govreport.reading.grid_tables`, :mod:`~govreport.reading.flat_tables` — the two table
  recognisers (grids; lines of text);
- :mod:`~govreport.reading.chinese` — conventions of written Chinese (numerals, enumerators, dates,
  labels, kinds of body) that readers and checks share;
- :mod:`~govreport.reading.catalog` — the catalogue of import findings.
"""
