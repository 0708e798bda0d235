"""The PDF: pages rendered to images are not empty, no text runs off the page, every table is
in it with its source line, the contents has page numbers."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.publish.i18n import label

ESTIMATE_TITLE = {
    "nl": "Geschat aantal slachtoffers van mensenhandel in 2024",
    "en": "Estimated number of victims of human trafficking in 2024",
}


def _check_pdf(path: Path, stored: dict[str, ProtectedTable], lang: str) -> None:
    pdf = pdfium.PdfDocument(str(path))
    try:
        assert len(pdf) > 10
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            width, height = page.get_size()
            # rendered, the page shows something (a blank page is all white)
            image = page.render(scale=0.4).to_pil().convert("L")
            lo, _hi = image.getextrema()
            assert lo < 200, f"page {i + 1} is empty"
            tp = page.get_textpage()
            n = tp.count_chars()
            for k in range(n):
                left, bottom, right, top = tp.get_charbox(k)
                if right - left <= 0:
                    continue  # line breaks and spaces without extent
                assert left >= 0 and right <= width and bottom >= 0 and top <= height, (
                    f"page {i + 1}: {tp.get_text_range(k, 1)!r} at {left:.0f}-{right:.0f} "
                    f"runs off the page (width {width:.0f})"
                )
                # inside the margins (16 mm = 45 pt), with a point of slack
                assert left >= 44 and right <= width - 44, (
                    f"page {i + 1}: {tp.get_text_range(k, 1)!r} in the margin"
                )
            texts.append(" ".join(tp.get_text_range().split()))
            tp.close()
            page.close()
    finally:
        pdf.close()
    whole = " ".join(texts)
    for tb in stored.values():
        assert label(tb.number, lang) in whole, tb.id
        assert label(tb.source, lang) in whole, tb.id
    # the estimated number of victims (its numbers: test_pub_estimate)
    assert ESTIMATE_TITLE[lang] in whole
    # the contents (page 2) ends its entries with page numbers
    contents = texts[1]
    assert any(ch.isdigit() for ch in contents)
    assert texts[-1].strip().split()[-1].isdigit()  # a page number in the footer


def test_pdf_nl(stored: dict[str, ProtectedTable], pdf_nl: Path) -> None:
    _check_pdf(pdf_nl, stored, "nl")
    assert "Inhoud" in pdfium.PdfDocument(str(pdf_nl))[1].get_textpage().get_text_range()


@pytest.mark.slow
def test_pdf_en(pub_ws: Workspace, stored: dict[str, ProtectedTable], tmp_path: Path) -> None:
    from ketenmonitor.publish.report import publish

    path = publish(pub_ws, 2024, tmp_path, "en", ["pdf"])["pdf"]
    _check_pdf(path, stored, "en")
