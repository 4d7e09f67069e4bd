"""The core answer tests in WebKit, the engine of Safari (iPads in libraries).

Debian's webkit2gtk-driver gives WebKitWebDriver; Selenium drives its MiniBrowser on a virtual screen
(Xvfb, started here). One browser for the module keeps it fast; each test starts with empty storage.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

WEBDRIVER = shutil.which("WebKitWebDriver")
MINIBROWSER = next(iter(sorted(glob.glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser"), reverse=True)), None)
SET_KEY = "testwerkboek:werkmap:standaard"  # storage key of the example site (tests/fixtures/voorbeeld)
EXAMPLE = "voorbeeld/"

# Selenium's WebKitGTK service still passes the address the old way; nothing we can change.
pytestmark = [pytest.mark.reference,  # about this repository's own workbook (conftest.py)
              pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning"),
              pytest.mark.xdist_group("webkit")]  # one WebKit for the module, in one test process


@pytest.fixture(scope="module")
def display():
    """A virtual screen of our own: Xvfb picks a free display number and tells us."""
    if not shutil.which("Xvfb"):
        pytest.fail("Xvfb is missing: ./dev test installs Debian's xvfb")
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    number = os.read(read, 16).decode().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(timeout=10)
    os.close(read)  # only now: Xvfb gets SIGPIPE (and dies) when it writes to a closed pipe


@pytest.fixture(scope="module")
def webkit(display):
    if not WEBDRIVER or not MINIBROWSER:
        pytest.fail("WebKitGTK is missing (WebKitWebDriver and MiniBrowser): ./dev test installs Debian's webkit2gtk-driver")
    previous = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = display  # the driver starts the browser with our environment
    options = Options()
    options.binary_location = MINIBROWSER
    options.add_argument("--automation")
    # A browser that hangs must fail the test, not stall the suite: every driver call times out.
    default_timeout = socket.getdefaulttimeout()
    socket.setdefaulttimeout(60)
    try:
        driver = webdriver.WebKitGTK(options=options, service=Service(executable_path=WEBDRIVER))
    finally:
        socket.setdefaulttimeout(default_timeout)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    if previous is None:
        os.environ.pop("DISPLAY", None)
    else:
        os.environ["DISPLAY"] = previous


def wait(driver, condition, message: str, timeout: float = 10):
    return WebDriverWait(driver, timeout).until(lambda d: condition(d), message)


def open_page(driver, url: str):
    driver.get(url)
    wait(driver, lambda d: d.execute_script("return document.documentElement.classList.contains('wb-js')"),
         f"the worksheet script did not start on {url}")


@pytest.fixture
def browser(webkit, example_url, site_url):
    """The module's WebKit, with empty storage for both sites and a single tab."""
    for url in (example_url, site_url):
        webkit.get(url)
        webkit.execute_script("localStorage.clear()")
    yield webkit
    for handle in webkit.window_handles[1:]:
        webkit.switch_to.window(handle)
        webkit.close()
    webkit.switch_to.window(webkit.window_handles[0])


def field(driver, css: str):
    return driver.find_element(By.CSS_SELECTOR, css)


def value(driver, css: str) -> str:
    return field(driver, css).get_property("value")


def click(driver, css: str):
    """Click as a user would, with the element in the middle of the screen (not under the sticky header)."""
    element = field(driver, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def type_into(driver, css: str, text: str):
    field(driver, css).send_keys(text)  # WebDriver focuses the field first, as a tap or click would


def stored(driver) -> dict:
    raw = driver.execute_script(f"return localStorage.getItem('{SET_KEY}')")
    return json.loads(raw)["answers"] if raw else {}


def test_every_field_kind_survives_a_reload(browser, example_url):
    driver = browser
    open_page(driver, example_url + EXAMPLE)
    assert not field(driver, "#wb-vb-janee-welke").is_displayed(), "follow-up shown before 'ja' was chosen"
    type_into(driver, "#wb-kop-naam", "Sanne de Vries")
    type_into(driver, "#wb-vb-tekst", "IDO Centrale")
    type_into(driver, "#wb-vb-lang", "Regel een" + Keys.ENTER + "Regel twee")
    # The date as Safari's own picker would hand it over: set the value, the browser fires "input".
    driver.execute_script("""const d = document.getElementById('wb-vb-datum'); d.value = '2026-03-14';
                             d.dispatchEvent(new Event('input', {bubbles: true}));""")
    click(driver, "label[for='wb-vb-janee--ja']")
    wait(driver, lambda d: field(d, "#wb-vb-janee-welke").is_displayed(), "the follow-up for 'ja' did not open")
    type_into(driver, "#wb-vb-janee-welke", "Honderd vragen per jaar")
    click(driver, "label[for='wb-vb-keuze--deels']")
    click(driver, "label[for='wb-vb-meer--spreekuren']")
    click(driver, "label[for='wb-vb-meer--anders']")
    wait(driver, lambda d: field(d, "#wb-vb-meer-anders").is_displayed(), "'Anders, namelijk' did not open")
    type_into(driver, "#wb-vb-meer-anders", "Koffieochtend")
    click(driver, "#wb-vb-tabel--veld [data-wb-add-row]")
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#wb-vb-tabel--3--partner"), "no row was added")
    assert driver.switch_to.active_element.get_attribute("id") == "wb-vb-tabel--3--partner", "focus did not move to the new row"
    type_into(driver, "#wb-vb-tabel--3--partner", "Humanitas")
    Select(field(driver, "#wb-vb-tabel--3--richting")).select_by_value("beide")

    driver.refresh()
    wait(driver, lambda d: d.execute_script("return document.documentElement.classList.contains('wb-js')"), "no script")
    assert value(driver, "#wb-kop-naam") == "Sanne de Vries"
    assert value(driver, "#wb-vb-tekst") == "IDO Centrale"
    assert value(driver, "#wb-vb-lang") == "Regel een\nRegel twee"
    assert value(driver, "#wb-vb-datum") == "2026-03-14"
    assert field(driver, "#wb-vb-janee--ja").is_selected()
    assert field(driver, "#wb-vb-janee-welke").is_displayed()
    assert value(driver, "#wb-vb-janee-welke") == "Honderd vragen per jaar"
    assert field(driver, "#wb-vb-keuze--deels").is_selected()
    assert field(driver, "#wb-vb-meer--spreekuren").is_selected()
    assert not field(driver, "#wb-vb-meer--cursussen").is_selected()
    assert value(driver, "#wb-vb-meer-anders") == "Koffieochtend"
    assert len(driver.find_elements(By.CSS_SELECTOR, "#wb-vb-tabel--veld tbody [data-wb-row]")) == 3
    assert value(driver, "#wb-vb-tabel--3--partner") == "Humanitas"
    assert value(driver, "#wb-vb-tabel--3--richting") == "beide"
    answers = stored(driver)
    assert answers["vb-meer"] == ["spreekuren", "anders"]
    assert answers["vb-tabel"][2]["partner"] == "Humanitas"


def test_instant_navigation_round_trip(browser, example_url):
    driver = browser
    open_page(driver, example_url + EXAMPLE)
    driver.execute_script("window.__sameDocument = true")
    type_into(driver, "#wb-vb-tekst", "Getypt en meteen weg")
    click(driver, ".md-footer__link--prev")  # straight away, no pause
    wait(driver, lambda d: not d.current_url.endswith(EXAMPLE), "the link did not navigate")
    driver.back()
    wait(driver, lambda d: d.current_url.endswith(EXAMPLE), "back did not return")
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#wb-vb-tekst")
         and value(d, "#wb-vb-tekst") == "Getypt en meteen weg", "the text was not there after coming back")
    assert driver.execute_script("return window.__sameDocument === true"), "navigation was not instant"
    field(driver, "#wb-vb-tekst").send_keys(Keys.END, ", en weer terug")
    driver.refresh()
    wait(driver, lambda d: value(d, "#wb-vb-tekst") == "Getypt en meteen weg, en weer terug",
         "typing after the round trip was not saved")


def test_two_tabs_merge_field_by_field_and_update_live(browser, example_url):
    driver = browser
    open_page(driver, example_url + EXAMPLE)
    first = driver.current_window_handle
    driver.switch_to.new_window("tab")
    open_page(driver, example_url + EXAMPLE)  # loaded before the first tab typed
    second = driver.current_window_handle
    driver.switch_to.window(first)
    type_into(driver, "#wb-vb-tekst", "Uit tab een")
    driver.switch_to.window(second)
    type_into(driver, "#wb-vb-lang", "Uit tab twee")
    wait(driver, lambda d: value(d, "#wb-vb-tekst") == "Uit tab een", "the second tab did not show the first tab's answer")
    driver.switch_to.window(first)
    wait(driver, lambda d: value(d, "#wb-vb-lang") == "Uit tab twee", "the first tab did not show the second tab's answer")
    answers = stored(driver)
    assert answers["vb-tekst"] == "Uit tab een" and answers["vb-lang"] == "Uit tab twee", answers


def test_the_plan_shows_the_answers(browser, site_url, built_site):
    driver = browser
    open_page(driver, site_url + "werkbladen/werkblad-1/")
    type_into(driver, "#wb-kop-naam", "Safari Tester")
    type_into(driver, "#wb-w1-agenda", "Digitale inclusie staat in het coalitieakkoord")
    click(driver, "label[for='wb-w1-doelen--ja']")
    wait(driver, lambda d: field(d, "#wb-w1-doelen-welke").is_displayed(), "the follow-up did not open")
    type_into(driver, "#wb-w1-doelen-welke", "Tweehonderd cursisten per jaar")
    open_page(driver, site_url + "mijn-plan/")
    content = lambda d: d.find_element(By.CSS_SELECTOR, ".md-content").text
    for text in ("Safari Tester", "Digitale inclusie staat in het coalitieakkoord", "Tweehonderd cursisten per jaar"):
        wait(driver, lambda d: text in content(d), f"the plan does not show {text!r}")
