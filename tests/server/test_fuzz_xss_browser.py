"""XSS payloads in every field, in headless Chromium: the web page (text, title, URL) and the standalone
HTML report of a report whose every string is hostile (speakers, outlet profile, syndication, boilerplate).
Reuses this folder's ``browser`` and ``live_server`` fixtures; payloads come from ``benchmarks/fuzz.py``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server]')")

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import fuzz  # noqa: E402

from unspin.render.html import render_html  # noqa: E402

#: Elements that could run or load something (the report's own single script is counted apart).
ACTIVE = "img, iframe, svg, object, embed, base, form, [onerror], [onload], a[href^='javascript'], a[href^='data']"


def nothing_ran(browser) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open
    assert browser.execute_script("return window.__pwned") is None
    assert not [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]


def test_payloads_in_text_title_and_url_of_the_web_page(browser, live_server):
    from selenium.webdriver.support.ui import WebDriverWait

    joined = " ".join(fuzz.PAYLOADS)
    browser.get(live_server + "/")
    browser.get_log("browser")
    browser.execute_script(
        "document.getElementById('text-input').value = arguments[0];"
        "document.getElementById('title-input').value = arguments[1];"
        "document.getElementById('url-input').value = arguments[2];",
        f"{joined}\n\nThe minister said \"{fuzz.PAYLOADS[1]}\" was so-called 'fine', reportedly.\n\n{joined}",
        fuzz.PAYLOADS[1],
        fuzz.PAYLOADS[3],
    )
    browser.find_element("id", "analyse-button").click()
    WebDriverWait(browser, 60).until(lambda d: d.find_element("id", "results").is_displayed()
                                     or d.find_element("id", "error").is_displayed())
    for mark in browser.find_elements("css selector", "#article mark.hl")[:5]:
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
        browser.execute_script("arguments[0].click(); arguments[0].focus()", mark)
    nothing_ran(browser)
    assert browser.execute_script(f"return document.querySelectorAll(\"#results :is(script, {ACTIVE})\").length") == 0
    assert "window.__pwned=1" in browser.find_element("id", "article").text  # shown as text


@pytest.mark.parametrize("payload", [fuzz.PAYLOADS[0], fuzz.PAYLOADS[1], fuzz.PAYLOADS[6], fuzz.PAYLOADS[11]])
def test_standalone_report_with_hostile_metadata_runs_nothing(browser, tmp_path: Path, payload: str):
    page = tmp_path / "report.html"
    page.write_text(render_html(fuzz.hostile_report(payload)), encoding="utf-8")
    browser.get_log("browser")
    browser.get(page.as_uri())
    for mark in browser.find_elements("css selector", "mark")[:5]:
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
        browser.execute_script("arguments[0].click(); arguments[0].focus()", mark)
    nothing_ran(browser)
    assert browser.execute_script(f"return document.querySelectorAll(\"body :is({ACTIVE})\").length") == 0
    assert browser.execute_script("return document.scripts.length") == 1
