"""The standalone HTML report in a real headless Chromium: CSP holds, nothing injected runs, panels work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from unspin.render.html import render_html

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromedriver are not installed")


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1400"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, report, tmp_path: Path):
    path = tmp_path / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    browser.get(path.as_uri())
    browser.get_log("browser")  # only messages of what the test does from here on
    return browser


def test_injected_markup_stays_text_and_nothing_runs(browser, report, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    browser.get(path.as_uri())
    logs = browser.get_log("browser")
    assert not [entry for entry in logs if "Content Security Policy" in entry["message"]], logs
    assert browser.execute_script("return document.scripts.length") == 1
    assert browser.execute_script("return document.images.length") == 0
    assert browser.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    body = browser.find_element("css selector", ".article-body").text
    assert "<script>alert(1)</script>" in body and "<img src=x onerror=alert(1)>" in body


def test_clicking_a_highlight_shows_every_note_covering_it(page):
    mark = next(m for m in page.find_elements("css selector", "mark.hl") if m.text == "'mistakenly'")
    mark.click()
    notes = page.find_element("id", "details-body").text
    assert "Scare quotes" in notes and "Loaded language" in notes and "Doubt" in notes
    assert "active" in mark.get_attribute("class")


def test_keyboard_focus_opens_the_details(page):
    mark = next(m for m in page.find_elements("css selector", "mark.hl") if "analysts" in m.text)
    page.execute_script("arguments[0].focus()", mark)
    assert "Vague attribution" in page.find_element("id", "details-body").text


def test_unticking_a_label_removes_its_colour_and_its_notes(page):
    mark = next(m for m in page.find_elements("css selector", "mark.hl") if m.text == "bombed allies ")
    before = mark.value_of_css_property("background-image")
    box = page.find_element("css selector", "label[title^='Uses words with strong']")
    box.click()
    after = mark.value_of_css_property("background-image")
    assert before != after and "rgba(0, 0, 0, 0)" in after
    hidden = [li for li in page.find_elements("css selector", "#findings li") if "Loaded language" in li.text]
    assert hidden == []
    mark.click()
    assert "Loaded language" not in page.find_element("id", "details-body").text


def test_phone_viewport_has_no_horizontal_scroll(page, tmp_path):
    page.set_window_size(390, 844)
    width = page.execute_script("return document.documentElement.scrollWidth")
    assert width <= page.execute_script("return window.innerWidth")
    page.save_screenshot(str(tmp_path / "phone.png"))
    page.set_window_size(1280, 1400)
