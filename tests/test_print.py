"""The comparisons page prints as a cheat sheet: no navigation, no table row split across pages."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from test_browser_site import record

MARK_ROWS = """() => {
  const rows = [...document.querySelectorAll('.ddsg-comparison tbody tr')];
  rows.forEach((tr, i) => {
    const cells = [...tr.children].filter(c => c.dataset.label !== 'Source');  // sources are not printed
    cells[0].insertAdjacentText('afterbegin', ` ZQS${i}Q `);
    cells[cells.length - 1].insertAdjacentText('beforeend', ` ZQE${i}Q `);
  });
  return rows.length;
}"""


def test_cheat_sheet_pdf_keeps_every_row_whole(page, site_url):
    page.goto(site_url + "reference/comparisons/", wait_until="networkidle")
    count = page.evaluate(MARK_ROWS)
    assert count >= 70
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert 1 <= len(pdf.pages) <= 3, f"the cheat sheet prints on {len(pdf.pages)} pages"
    record("cheat-sheet-pages", len(pdf.pages))
    start_page, end_page = {}, {}
    for number, pdf_page in enumerate(pdf.pages):
        text = re.sub(r"\s+", "", pdf_page.extract_text())
        for i in map(int, re.findall(r"ZQS(\d+)Q", text)):
            start_page[i] = number
        for i in map(int, re.findall(r"ZQE(\d+)Q", text)):
            end_page[i] = number
        assert "Table of contents" not in pdf_page.extract_text(), "the navigation is printed"
    assert set(start_page) == set(end_page) == set(range(count)), "a row's text is missing from the PDF"
    split = [i for i in range(count) if start_page[i] != end_page[i]]
    assert not split, f"rows split across pages: {split}"
