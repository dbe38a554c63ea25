"""Take docs/images/site.png, the README's picture of a published page: the bundled resolution's page of the
site `resolvetool render --site` builds from records/, in Debian's Chromium driven by Playwright (never a
downloaded browser). Run it after changing the site's templates or stylesheet, and look at the picture
before committing it (it should stay under 200 KB, which a test checks).

    python scripts/screenshot.py [--browser /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PICTURE = REPO / "docs" / "images" / "site.png"
PAGE = Path("resolutions") / "interpol-ga-81-impact-cooperation.html"
WIDTH, HEIGHT = 1000, 760  # the heading, the facts and the first clauses, at one pixel a point


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument("--browser", default="/usr/bin/chromium", help="the Chromium to drive")
    options = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        command = [sys.executable, "-m", "resolvetool", "--root", str(REPO), "render", "--site", str(site)]
        subprocess.run(command, check=True, capture_output=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=options.browser, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1)
            page.goto((site / PAGE).as_uri())
            page.screenshot(path=str(PICTURE))
            browser.close()
    print(f"wrote {PICTURE.relative_to(REPO)} ({PICTURE.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
