"""The HTML report in headless Chromium (Debian's chromium driven by Playwright), with every
network request refused: the charts render from the inlined JavaScript alone, without errors,
and a legend click toggles a series."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_report_renders_offline_in_chromium(out_nl: dict[str, Path]) -> None:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: sh scripts/install-test-browser.sh installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    html = out_nl["html"]
    expected = html.read_text(encoding="utf-8").count('class="vis"')
    assert expected > 20
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            errors: list[str] = []
            requests: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))

            def refuse(route: object) -> None:
                url = route.request.url  # type: ignore[attr-defined]
                if url.startswith("file://"):
                    route.continue_()  # type: ignore[attr-defined]
                else:
                    requests.append(url)
                    route.abort()  # type: ignore[attr-defined]

            page.route("**/*", refuse)
            page.goto(html.as_uri())
            page.wait_for_function(
                f"document.querySelectorAll('.vis svg.marks').length >= {expected}",
                timeout=60_000,
            )
            assert page.locator(".vis svg.marks").count() == expected
            assert errors == [] and requests == []
            # a click on a legend entry of Figuur 2 dims the other series
            vis = page.locator("#vis-jaarcijfers-figuur-2")
            vis.scroll_into_view_if_needed()
            bars = vis.locator("g.mark-rect path")
            opacity = "ps => ps.map(p => p.getAttribute('opacity') || p.style.opacity || '1')"
            before = bars.evaluate_all(opacity)
            vis.locator("g.mark-symbol path").first.click()
            page.wait_for_timeout(300)
            after = bars.evaluate_all(opacity)
            assert set(before) == {"1"}
            assert after != before and any(float(a) < 0.5 for a in after)
        finally:
            browser.close()
