"""The explorer app as a reviewer uses it: ``kargraph explore`` served by Voilà, opened in
headless Chromium; a claim's side set from the review drop-downs is in the corrections
file, still shown after a reload, and in ``kargraph claims --corrections`` output. The
page loads nothing from outside 127.0.0.1.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import socket
import subprocess
import sys
import time

import pytest

from test_browser import browser, pytestmark  # noqa: F401  (the shared headless Chromium and its skip)

BUNDLED = "data/corpora/karabakh"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app(root, tmp_path_factory):
    folder = tmp_path_factory.mktemp("app")
    corpus = folder / "corpus"
    shutil.copytree(root / BUNDLED, corpus)
    corrections = folder / "corrections.csv"
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kargraph", "explore", "--corpus", str(corpus),
                               "--corrections", str(corrections), "--port", str(port)],
                              cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.5)
    yield {"url": f"http://127.0.0.1:{port}/", "corpus": corpus, "corrections": corrections}
    server.terminate()
    server.wait(timeout=60)


def review_widgets(driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    WebDriverWait(driver, 180).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".kg-review-claim select"))
    find = lambda name, tag: driver.find_element(By.CSS_SELECTOR, f".kg-review-{name} {tag}")  # noqa: E731
    return {"claim": Select(find("claim", "select")), "field": Select(find("field", "select")),
            "value": Select(find("value", "select")), "reviewer": find("reviewer", "input"),
            "apply": driver.find_element(By.CSS_SELECTOR, "button.kg-review-apply"),
            "status": driver.find_element(By.CSS_SELECTOR, ".kg-review-status")}


def shown_side(widgets) -> tuple[str, str]:
    """(claim id, side) of the chosen claim, from its label `text · side · claimant (id)`."""
    label = widgets["claim"].first_selected_option.text
    m = re.search(r" · (?P<side>[^·]+) · [^·]+ \((?P<id>[^()]+)\)$", label)
    return m["id"], m["side"]


def test_a_side_set_in_the_app_is_kept_in_the_app_and_in_the_claims_command(browser, app):  # noqa: F811
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(app["url"])
    widgets = review_widgets(browser)
    claim_id, side = shown_side(widgets)
    new_side = next(o.text for o in widgets["value"].options if o.text not in (side, ""))
    widgets["field"].select_by_visible_text("side")
    widgets["value"].select_by_visible_text(new_side)
    widgets["reviewer"].send_keys("tester")
    time.sleep(1)  # let the typed name reach the kernel before the click
    widgets["apply"].click()
    WebDriverWait(browser, 60).until(lambda d: "Saved" in widgets["status"].text)

    rows = list(csv.DictReader(app["corrections"].open()))
    assert [(r["claim_id"], r["field"], r["value"], r["reviewer"]) for r in rows] == [
        (claim_id, "side", new_side, "tester")]

    browser.refresh()
    assert shown_side(review_widgets(browser)) == (claim_id, new_side)
    external = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(u => !u.startsWith('http://127.0.0.1') && !u.startsWith('ws://127.0.0.1'))")
    assert external == []

    out = subprocess.run([sys.executable, "-m", "kargraph", "claims", str(app["corpus"]), "--corrections",
                          str(app["corrections"]), "-q"], capture_output=True, text=True, check=True)
    claims = {r["claim_id"]: r for r in csv.DictReader(io.StringIO(out.stdout))}
    assert (claims[claim_id]["side"], claims[claim_id]["reviewed_by"]) == (new_side, "tester")
