"""WordprocessingML (.docx) support shared by the ``docx`` exporter and importer.

Standard library only (zipfile, xml.etree): the exporter writes every part of the package
itself, so the output is small, deterministic and carries nothing of a foreign template, and
the importer reads untrusted files with bounded sizes and without DTDs. Nothing here is
imported by ``import govreport``; the plugins load these modules when they are first used.
"""
