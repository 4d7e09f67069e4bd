"""One small interface over the browser engines, for tests that must hold in every engine.

A test takes the `engine` fixture (imported into its module) and gets a Driver: open a URL, run a
script in the page, reload, go back. Everything a user does is done by scripts in the page (click,
type, choose a file), so a scenario is written once for all engines. Adding an engine is one more
entry in ENGINES and one more Driver class.
"""

from __future__ import annotations

import time

import pytest

from test_webkit import display, webkit  # noqa: F401  (fixtures: WebKitGTK under Xvfb)

ENGINES = ["chromium", "webkit"]


class Driver:
    """What every engine offers. Scripts are function bodies: arguments[0…] in, `return` out."""

    name = ""

    def open(self, url: str) -> None: ...
    def run(self, body: str, *args): ...
    def reload(self) -> None: ...
    def back(self) -> None: ...

    def wait(self, body: str, message: str, *args, timeout: float = 10):
        """Run body until it returns something truthy; fail with message after timeout seconds."""
        end = time.monotonic() + timeout
        while True:
            try:
                result = self.run(body, *args)
            except Exception:  # a page still navigating has no script context yet: try again
                if time.monotonic() > end:
                    raise
                result = None
            if result:
                return result
            if time.monotonic() > end:
                pytest.fail(f"{self.name}: {message}")
            time.sleep(0.1)

    def started(self) -> None:
        """Wait until the worksheet script has started on the current page."""
        self.wait("return document.documentElement.classList.contains('wb-js')",
                  "het werkboekscript startte niet")


class PlaywrightDriver(Driver):
    name = "chromium"

    def __init__(self, page):
        self.page = page

    def open(self, url):
        self.page.goto(url)

    def run(self, body, *args):
        return self.page.evaluate("(args) => (function () {" + body + "\n}).apply(null, args)", list(args))

    def reload(self):
        self.page.reload()

    def back(self):
        self.page.go_back()


class SeleniumDriver(Driver):
    def __init__(self, driver, name):
        self.driver = driver
        self.name = name

    def open(self, url):
        self.driver.get(url)

    def run(self, body, *args):
        return self.driver.execute_script(body, *args)

    def reload(self):
        self.driver.refresh()

    def back(self):
        self.driver.back()


@pytest.fixture(params=ENGINES)
def engine(request):
    """A Driver with empty storage, in each engine."""
    if request.param == "chromium":
        context = request.getfixturevalue("browser").new_context(locale="nl-NL")
        yield PlaywrightDriver(context.new_page())
        context.close()
    elif request.param == "webkit":
        driver = SeleniumDriver(request.getfixturevalue("webkit"), "webkit")
        yield driver
        driver.run("localStorage.clear(); sessionStorage.clear()")
