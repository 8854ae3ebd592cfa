"""Headless Chromium from Debian's packages (`chromium`, `chromium-driver`),
driven by selenium: for the review page's browser tests and its screenshot.

Never downloads a browser or a driver: the driver is given by path, so
selenium does not go looking for one. ``browser()`` raises ``Unavailable``
with a one-line reason when something is missing.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager

BROWSERS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVERS = ("/usr/bin/chromedriver",)
# Headless, no sandbox (root in CI), and nothing that reaches the network.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--lang=zh-CN")


class Unavailable(Exception):
    """No browser here; ``str()`` says what is missing, in one line."""


def find() -> tuple[str, str]:
    """The paths of Chromium and its driver, or ``Unavailable``."""
    binary = next((p for p in BROWSERS if os.access(p, os.X_OK)), None)
    driver = next((p for p in DRIVERS if os.access(p, os.X_OK)), None)
    if not binary or not driver:
        raise Unavailable("no headless Chromium: apt-get install chromium chromium-driver")
    try:
        import selenium  # noqa: F401
    except ImportError:
        raise Unavailable("selenium is not installed: pip install -e '.[test]'") from None
    return binary, driver


@contextmanager
def browser(width: int = 1200, height: int = 900):
    """A selenium driver of headless Chromium with a fresh profile, removed after."""
    binary, driver_path = find()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="county-figures-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS + (f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    # A dialog stays open (rather than being dismissed by the next command), so a test can see it.
    options.set_capability("unhandledPromptBehavior", "ignore")
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    try:
        # The page's viewport exactly this size (the window's includes its frame).
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
