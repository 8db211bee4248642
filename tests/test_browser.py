"""Rendered reports as a reader sees them: opened in headless Chromium (selenium).

Pages must load without JavaScript errors and show their tables; article text that holds
``<script>``, ``onerror=`` or ``javascript:`` must show as text and never run. Screenshots
are saved in the test's temporary folder, and also into ``$KARGRAPH_SCREENSHOTS`` when
that variable names a folder (``KARGRAPH_SCREENSHOTS=docs`` refreshes the README picture).

Needs Debian's ``chromium`` and ``chromium-driver`` (installed by ``make setup``); the
tests skip, saying so, only when those are not installed.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest

from test_render import ARTICLE, HOSTILE, SHOW_ARTICLES, quiet, write_config, write_corpus, write_notebook

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,900"]

pytestmark = [
    pytest.mark.skipif(not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
                       reason="headless Chromium is not installed (apt-get install chromium chromium-driver; "
                              "`make setup` does it)"),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def open_page(driver, path: Path) -> list[dict]:
    """Load a file and return the console errors it produced."""
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.resolve().as_uri())
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def no_alert(driver) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def save_screenshot(driver, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / name
    driver.save_screenshot(str(shot))
    target = os.environ.get("KARGRAPH_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, Path(target) / name)
    return shot


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """A run of two small reports on a plain corpus."""
    from kargraph.render import render_reports

    folder = tmp_path_factory.mktemp("plain")
    write_corpus(folder / "corpus", {"a": ARTICLE.format(n=40), "b": ARTICLE.format(n=55)})
    write_notebook(folder / "docs.ipynb")
    write_notebook(folder / "show.ipynb", cells=SHOW_ARTICLES)
    write_config(folder, [{"notebook": "docs.ipynb", "title": "Documents"},
                          {"notebook": "show.ipynb", "title": "Articles"}])
    return render_reports(folder / "reports.yaml", out=folder / "out", log=quiet)


def test_index_lists_every_report_and_loads_without_errors(browser, rendered):
    from selenium.webdriver.common.by import By

    errors = open_page(browser, rendered.path / "index.html")
    assert errors == []
    rows = browser.find_elements(By.CSS_SELECTOR, "table#reports tbody tr")
    assert [r.find_element(By.TAG_NAME, "a").text for r in rows] == ["Documents", "Articles"]
    fingerprint = rendered.manifest["reports"][0]["corpus_fingerprint"]
    assert fingerprint in rows[0].text


def test_report_opened_from_the_index_shows_its_table_without_errors(browser, rendered, tmp_path):
    from selenium.webdriver.common.by import By

    open_page(browser, rendered.path / "index.html")
    browser.get_log("browser")
    browser.find_element(By.LINK_TEXT, "Documents").click()
    assert browser.current_url.endswith("/docs.html")
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    table = browser.find_element(By.CSS_SELECTOR, "table.dataframe")
    headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    assert headers[-3:] == ["doc_id", "outlet", "headline"]
    assert "Outlet a" in table.text and "Outlet b" in table.text
    assert "kg.load_corpus" not in browser.find_element(By.TAG_NAME, "body").text  # code hidden
    assert save_screenshot(browser, tmp_path, "small-report.png").stat().st_size > 1000


def test_hostile_article_shows_as_text_and_runs_nothing(browser, tmp_path):
    from selenium.webdriver.common.by import By

    from kargraph.render import render_reports

    flagging = HOSTILE.replace("alert(2)", "window.kgPwned='img'").replace("alert(3)", "window.kgPwned='link'")
    write_corpus(tmp_path / "corpus", {"a": f"{flagging}\n{ARTICLE.format(n=3)}"}, {"a": "<b>Evil</b> News"})
    write_notebook(tmp_path / "show.ipynb", cells=SHOW_ARTICLES)
    write_config(tmp_path, [{"notebook": "show.ipynb", "title": "<i>Articles</i>"}])
    run = render_reports(tmp_path / "reports.yaml", out=tmp_path / "out", log=quiet)

    errors = open_page(browser, run.path / "show.html")
    # nothing was blocked either: escaping alone kept the article inert
    assert errors == []
    assert no_alert(browser)
    assert browser.execute_script("return window.kgPwned === undefined")
    body = browser.find_element(By.TAG_NAME, "body")
    assert "<script>alert(1)</script>" in body.text and "<b>Evil</b> News" in body.text
    assert browser.find_elements(By.CSS_SELECTOR, "main script, main img[src='x'], a[href^='javascript']") == []
    errors = open_page(browser, run.path / "index.html")
    assert errors == [] and "<i>Articles</i>" in browser.find_element(By.TAG_NAME, "body").text


def test_unescaped_html_from_a_notebook_is_still_blocked_by_the_page_policy(browser, tmp_path):
    """A notebook that displays raw HTML cannot run script in a report (second line of defence)."""
    from kargraph.render import render_reports

    write_corpus(tmp_path / "corpus", {"a": ARTICLE.format(n=3)})
    raw = ("from IPython.display import HTML\n"
           "HTML(\"<script>window.kgPwned='script'</script><img src=x onerror=\\\"window.kgPwned='img'\\\">\")")
    write_notebook(tmp_path / "raw.ipynb", cells=[raw])
    write_config(tmp_path, [{"notebook": "raw.ipynb"}])
    run = render_reports(tmp_path / "reports.yaml", out=tmp_path / "out", log=quiet)
    errors = open_page(browser, run.path / "raw.html")
    assert browser.execute_script("return window.kgPwned === undefined")
    assert no_alert(browser)
    assert any("Content Security Policy" in e["message"] for e in errors)


def test_project_reports_render_and_show_their_tables(browser, tmp_path, root):
    """The project's own reports.yaml, as `make report` renders it, opened like a reader."""
    from selenium.webdriver.common.by import By

    from kargraph.render import load_config, render_reports

    config = load_config(root / "reports.yaml")
    run = render_reports(config, out=tmp_path / "reports", log=quiet)
    assert open_page(browser, run.path / "index.html") == []
    rows = browser.find_elements(By.CSS_SELECTOR, "table#reports tbody tr")
    assert len(rows) == sum(len(r.parameter_sets) for r in config.reports)
    for entry in run.manifest["reports"]:
        assert open_page(browser, run.path / entry["html"]) == [], entry["html"]
        assert browser.find_elements(By.CSS_SELECTOR, "table"), f"{entry['html']} shows no table"
        # every figure of the executed notebook is in the page, inline, and displays
        executed = nbformat.read(run.path / entry["ipynb"], as_version=4)
        n_figures = sum("image/png" in o.get("data", {}) for c in executed.cells if c.cell_type == "code"
                        for o in c.outputs)
        shown = browser.execute_script(
            "return Array.from(document.images).filter(i => i.src.startsWith('data:image/png') "
            "&& i.complete && i.naturalWidth > 0).length")
        assert shown == n_figures, entry["html"]
    tolls = next((e for e in run.manifest["reports"] if "toll" in e["notebook"]), run.manifest["reports"][0])
    open_page(browser, run.path / tolls["html"])
    browser.set_window_size(1280, 1700)  # tall enough for the banner, the question and the first table
    try:
        save_screenshot(browser, tmp_path, "report.png")
    finally:
        browser.set_window_size(1280, 900)
    open_page(browser, run.path / "index.html")
    save_screenshot(browser, tmp_path, "index.png")
