"""The document's one section: its page setup, and which header and footer each page shows.

Without a reference document the page is the official format's and the footers are ours, “— N —”
at the right on odd pages and at the left on even ones. A reference document brings its page
setup, and its headers and footers where it has them; where it has no footer, ours number the
pages. Word shows a page no header or footer at all when the document distinguishes even pages
(or a title page) and the section names none for them, so the missing ones are filled in: an even
page shows the default header or footer, and our first page shows our odd footer.
"""

from __future__ import annotations

import attrs

from govreport.wordml import package as pkg, styles
from govreport.wordml.package import Part
from govreport.wordml.reference import HeaderFooter, Reference

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


@attrs.frozen(kw_only=True)
class SectionPlan:
    #: ``w:sectPr``
    section: str
    #: whether our page-number footers are in the package
    our_footers: bool
    even_and_odd: bool
    extra: tuple[Part, ...] = ()
    extra_relationships: tuple[tuple[str, str, str], ...] = ()


def _references(items: tuple[HeaderFooter, ...], prefix: str) -> list[tuple[str, str, str, str]]:
    """(kind, type, relationship id, target) for each header or footer of the reference."""
    return [
        (item.kind, item.type, f"rId{prefix}{n}", item.part.removeprefix("word/"))
        for n, item in enumerate(items, start=1)
    ]


def _fill_even(refs: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """An even-page entry for each kind that has a default one but none of its own."""
    types = {(kind, kind_type) for kind, kind_type, _rid, _target in refs}
    filled = list(refs)
    for kind, kind_type, rid, target in refs:
        if kind_type == "default" and (kind, "even") not in types:
            filled.append((kind, "even", rid, target))
    return filled


def plan_section(reference: Reference | None) -> SectionPlan:
    ours = [
        ("footer", "default", pkg.ODD_FOOTER_ID, "footer1.xml"),
        ("footer", "even", pkg.EVEN_FOOTER_ID, "footer2.xml"),
    ]
    if reference is None:
        section = styles.section_properties([(kind, t, rid) for kind, t, rid, _ in ours])
        return SectionPlan(section=section, our_footers=True, even_and_odd=True)
    headers = _references(reference.headers, "Header")
    footers = _references(reference.footers, "Footer")
    our_footers = not footers
    even_and_odd = reference.even_and_odd or our_footers
    title_page = "<w:titlePg" in reference.page_setup
    refs = headers + (ours if our_footers else footers)
    if even_and_odd:
        refs = _fill_even(refs)
    if title_page and our_footers:
        refs.append(("footer", "first", pkg.ODD_FOOTER_ID, "footer1.xml"))
    section = styles.section_properties(
        [(kind, t, rid) for kind, t, rid, _ in refs], page_setup=reference.page_setup or styles.PAGE_SETUP
    )
    relationships = {(rid, _REL + kind, target) for kind, _t, rid, target in headers + ([] if our_footers else footers)}
    return SectionPlan(
        section=section,
        our_footers=our_footers,
        even_and_odd=even_and_odd,
        extra=reference.parts,
        extra_relationships=tuple(sorted(relationships)),
    )
