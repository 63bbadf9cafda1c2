"""The web page in a real headless Chromium against a real ``unspin serve`` (full pipeline)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server]')")

HOSTILE = (
    "Hostile <script>alert(1)</script> input\n\n"
    "Readers reportedly posted <script>window.__pwned = 'script'; alert(1)</script> in the comments.\n\n"
    "The so-called \"<img src=x onerror=\"window.__pwned='img'\">\" expert said an image was harmless.\n\n"
    "Critics say a <a href=\"javascript:window.__pwned='link'\">link</a> and javascript:alert(document.cookie) "
    "are just 'text'. <svg onload=alert(2)></svg> <iframe src=\"javascript:alert(3)\"></iframe>"
)


def by_css(driver, selector):
    return driver.find_elements("css selector", selector)


def wait_for(driver, condition, timeout_s: float = 60):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout_s).until(lambda d: condition(d))


def analyse_pasted(driver, base: str, text: str, title: str = "") -> None:
    """Open the page, paste ``text`` (set in one go: typing 8,000 characters is slow) and analyse it."""
    driver.get(base + "/")
    driver.execute_script(
        "document.getElementById('text-input').value = arguments[0];"
        "document.getElementById('title-input').value = arguments[1];",
        text,
        title,
    )
    driver.find_element("id", "analyse-button").click()
    wait_for(driver, lambda d: not d.find_element("id", "results").get_attribute("hidden")
             or d.find_element("id", "error").is_displayed())
    error = driver.find_element("id", "error")
    assert not error.is_displayed(), error.text


@pytest.fixture(scope="module")
def sample_page(browser, live_server, sample_text):
    browser.set_window_size(1280, 1600)
    analyse_pasted(browser, live_server, sample_text)
    return browser


def test_sample_article_shows_highlights_legend_chart_and_panels(sample_page, artifacts: Path):
    driver = sample_page
    marks = by_css(driver, "#article mark.hl")
    assert marks, "no highlighted span"
    legend = by_css(driver, "#legend .legend-item")
    assert legend and all(item.find_element("css selector", ".legend-count").text.isdigit() for item in legend)
    assert by_css(driver, "#chart .bar-row")
    assert "Global Research" in driver.find_element("id", "provenance").text or "RT" in driver.find_element("id", "provenance").text
    download = driver.find_element("id", "download-json")
    assert download.get_attribute("href").startswith("blob:")
    assert download.get_attribute("download").startswith("unspin-") and download.get_attribute("download").endswith(".json")
    assert "/" not in download.get_attribute("download")
    wait_for(driver, lambda d: (d.find_element("id", "download-html").get_attribute("href") or "").startswith("blob:"), 30)
    driver.save_screenshot(str(artifacts / "server-page-desktop.png"))
    assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]  # no script error, no 404


def test_a_highlight_opens_its_explanation_on_click_and_on_keyboard_focus(sample_page):
    driver = sample_page
    mark = by_css(driver, "#article mark.hl")[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    tip = driver.find_element("id", "tip")
    assert tip.is_displayed()
    assert "Confidence" in tip.text and "active" in mark.get_attribute("class")
    label_keys = mark.get_attribute("data-labels").split()
    titles = driver.execute_script(
        "return Array.from(document.querySelectorAll('.legend-item')).map(b => [b.dataset.key, b.querySelector('.legend-name').textContent])"
    )
    assert any(title in tip.text for key, title in titles if key in label_keys)

    from selenium.webdriver.common.keys import Keys

    mark.send_keys(Keys.ESCAPE)
    assert not tip.is_displayed()
    second = by_css(driver, "#article mark.hl")[-1]
    driver.execute_script("arguments[0].focus()", second)
    assert tip.is_displayed() and second.get_attribute("aria-describedby") == "tip"
    second.send_keys(Keys.ESCAPE)
    assert not tip.is_displayed()

    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).move_to_element(mark).perform()
    assert tip.is_displayed() and "active" in mark.get_attribute("class")


def test_tab_reaches_the_highlights_after_the_downloads(sample_page):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver = sample_page
    driver.execute_script("document.getElementById('download-json').focus()")
    for _ in range(4):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return document.activeElement.matches('mark.hl')"):
            break
    focused = driver.switch_to.active_element
    assert focused.tag_name == "mark" and driver.find_element("id", "tip").is_displayed()
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()


def test_legend_filters_the_view_to_one_label(sample_page, artifacts: Path):
    driver = sample_page
    before = len(by_css(driver, "#article mark.hl"))
    item = by_css(driver, "#legend .legend-item")[-1]
    key = item.get_attribute("data-key")
    from selenium.webdriver.common.keys import Keys

    item.send_keys(Keys.ENTER)  # the legend works from the keyboard
    assert item.get_attribute("aria-pressed") == "true"
    marks = by_css(driver, "#article mark.hl")
    assert marks and all(key in mark.get_attribute("data-labels").split() for mark in marks)
    assert 0 < len(marks) <= before
    assert driver.find_element("id", "filter-note").is_displayed()
    driver.save_screenshot(str(artifacts / "server-page-filtered.png"))
    driver.find_element("id", "show-all").click()
    assert len(by_css(driver, "#article mark.hl")) == before
    assert item.get_attribute("aria-pressed") == "false"


def test_page_fits_a_phone_screen(sample_page, artifacts: Path):
    driver = sample_page
    try:
        driver.set_window_size(375, 812)
        width = driver.execute_script("return window.innerWidth")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"page is {overflow}px wider than the {width}px viewport"
        mark = by_css(driver, "#article mark.hl")[0]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
        mark.click()
        tip = driver.find_element("id", "tip")
        assert tip.is_displayed() and tip.rect["width"] <= width
        driver.save_screenshot(str(artifacts / "server-page-phone.png"))
    finally:
        driver.set_window_size(1280, 1600)


def test_upload_of_an_html_file(browser, live_server, tmp_path: Path):
    page = tmp_path / "article.html"
    page.write_text(
        "<html><head><title>Uploaded page</title></head><body><article>"
        + "<p>Officials reportedly said the so-called \"reform\" may fail, analysts said.</p>" * 5
        + "</article></body></html>",
        encoding="utf-8",
    )
    browser.get(live_server + "/")
    browser.find_element("id", "tab-upload").click()
    browser.find_element("id", "file-input").send_keys(str(page))
    browser.find_element("id", "analyse-button").click()
    wait_for(browser, lambda d: d.find_element("id", "results").is_displayed())
    assert "reportedly" in browser.find_element("id", "article").text
    assert by_css(browser, "#article mark.hl")


def test_provenance_lists_outlets_and_credited_authors_apart(browser, live_server):
    credited = (
        "By RT\n\nThe council met on Monday and voted to close the bridge for repairs.\n\n"
        "It reopens in May.\n\nReprinted with permission from Chuck Baldwin."
    )
    analyse_pasted(browser, live_server, credited, title="Bridge closes")
    groups = browser.execute_script(
        "return [...document.querySelectorAll('#provenance h3.group-title')]"
        ".map(h => [h.textContent, h.nextElementSibling.textContent])"
    )
    headings = [heading for heading, _ in groups]
    assert "Syndicated from" in headings and "Credited author" in headings and "Republished from" not in headings
    outlets, authors = (dict(groups)[heading] for heading in ("Syndicated from", "Credited author"))
    assert outlets.startswith("RT") and "“By RT”" in outlets and "Chuck Baldwin" not in outlets
    assert authors == "Chuck Baldwin“Reprinted with permission from Chuck Baldwin”"  # no reliability, no "kind" chip


def test_an_empty_paste_shows_an_error_and_no_results(browser, live_server):
    browser.get(live_server + "/")
    browser.find_element("id", "analyse-button").click()
    error = browser.find_element("id", "error")
    assert error.is_displayed() and "Paste" in error.text
    assert not browser.find_element("id", "results").is_displayed()


def test_hostile_markup_renders_as_text_and_nothing_runs(browser, live_server, artifacts: Path):
    from selenium.common.exceptions import NoAlertPresentException

    browser.get_log("browser")
    analyse_pasted(browser, live_server, HOSTILE, title="<img src=x onerror=\"window.__pwned='title'\">")

    def nothing_ran():
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open
        assert browser.execute_script("return window.__pwned") is None

    nothing_ran()
    article = browser.find_element("id", "article")
    shown = article.text + browser.find_element("id", "provenance").get_attribute("textContent")
    assert "<script>window.__pwned = 'script'; alert(1)</script>" in shown
    assert "onerror" in shown and "javascript:window.__pwned='link'" in shown
    assert browser.find_element("id", "results-heading").text.startswith("<img src=x")
    counts = browser.execute_script(
        "const r = document.getElementById('results');"
        "return [r.querySelectorAll('script, img, iframe, svg, a[href^=\"javascript\"]').length, document.scripts.length]"
    )
    assert counts == [0, 1]
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for mark in by_css(browser, "#article mark.hl")[:5]:
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
        mark.click()
        ActionChains(browser).send_keys(Keys.ESCAPE).perform()  # close the note so it can't cover the next mark
    nothing_ran()
    browser.save_screenshot(str(artifacts / "server-page-hostile.png"))
    assert not [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]

    # The standalone HTML report made from the same hostile article runs nothing either.
    wait_for(browser, lambda d: (d.find_element("id", "download-html").get_attribute("href") or "").startswith("blob:"), 30)
    browser.get(browser.find_element("id", "download-html").get_attribute("href"))
    assert "<script>window.__pwned" in browser.find_element("tag name", "body").text
    nothing_ran()


def test_api_docs_render_offline_under_their_policy(browser, live_server):
    browser.get_log("browser")
    browser.get(live_server + "/docs")
    wait_for(browser, lambda d: len(by_css(d, ".opblock")) >= 4, 30)
    paths = {e.text for e in by_css(browser, ".opblock-summary-path")}
    assert {"/api/analyze", "/api/report.html", "/api/techniques", "/healthz"} <= paths
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
