"""A real headless Chromium for the handout tests: Debian's chromium and chromedriver via Selenium.

Selenium is pointed at /usr/bin/chromedriver, so it never tries to download a driver; Chromium
runs headless with a fresh profile and its background networking off, so the only requests
in its performance log are the page's own.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--disable-default-apps", "--disable-extensions", "--hide-scrollbars")


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            return f"{path} is not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


class Browser:
    """One Chromium window; ``open`` a file, then screenshot, print to PDF or read the requests."""

    def __init__(self, width: int = 1280, height: int = 900, scale: float = 1.0) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="parley-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={self.profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
        self.driver.set_page_load_timeout(30)
        self.size(width, height, scale)
        self.driver.get("about:blank")
        self.driver.get_log("performance")  # the browser's own start-up pages are not the page's

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def open(self, path: Path) -> None:
        self.driver.get_log("performance")  # forget what came before
        self.driver.get(path.resolve().as_uri())

    def size(self, width: int, height: int, scale: float = 1.0) -> None:
        """The viewport, exactly (a phone's is narrow, with its scale factor)."""
        self.viewport = {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": width < 500}
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", self.viewport)

    def text_zoom(self, percent: int) -> None:
        """Larger text as a reader's setting would make it (Chrome's text size: 'Large' is 125 %)."""
        self.driver.execute_cdp_cmd("Emulation.setPageScaleFactor", {"pageScaleFactor": 1})
        self.driver.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": round(16 * percent / 100),
                                                                         "fixed": round(13 * percent / 100)}})

    def requests(self) -> list[str]:
        """Every URL the page asked for since it was opened (from the DevTools performance log)."""
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

    def console(self) -> list[str]:
        return [e["message"] for e in self.driver.get_log("browser")]

    def screenshot(self, out: Path, full: bool = True) -> Path:
        """A PNG of the page (the whole page when full, by resizing the window to its height)."""
        if full:
            width = self.driver.execute_script("return window.innerWidth")
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            metrics = dict(self.viewport, width=width, height=min(height, 16000))
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            data = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", self.viewport)
            out.write_bytes(base64.b64decode(data["data"]))
        else:
            self.driver.save_screenshot(str(out))
        return out

    def pdf(self, out: Path, paper: str = "A4") -> Path:
        """The page printed to PDF as a browser's print dialog would, on A4 or Letter paper."""
        sizes = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}  # inches
        width, height = sizes[paper]
        data = self.driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True, "paperWidth": width,
                                                               "paperHeight": height, "marginTop": 0.5,
                                                               "marginBottom": 0.5, "marginLeft": 0.47,
                                                               "marginRight": 0.47})
        out.write_bytes(base64.b64decode(data["data"]))
        return out

    def text(self) -> str:
        return self.driver.find_element("tag name", "body").text

    def count(self, css: str) -> int:
        return len(self.driver.find_elements("css selector", css))


def pdf_pages(pdf: Path) -> int:
    """How many pages a PDF has (pdfinfo from poppler-utils, else a count of page objects)."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=False).stdout
        for line in out.splitlines():
            if line.startswith("Pages:"):
                return int(line.split()[1])
    return pdf.read_bytes().count(b"/Type /Page") - pdf.read_bytes().count(b"/Type /Pages")


def pdf_to_png(pdf: Path, prefix: Path, dpi: int = 60) -> list[Path]:
    """Each page of a PDF as a PNG (pdftoppm), to look at; [] when poppler-utils is missing."""
    if not shutil.which("pdftoppm"):
        return []
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True, timeout=120)
    return sorted(prefix.parent.glob(prefix.name + "*.png"))
