"""A PNG of a review page as headless Chromium shows it (the README's picture).

    county-figures review samples/ -o review.html
    python scripts/review_screenshot.py review.html docs/review.png --focus f40

``--focus ID`` scrolls to the document of that mark and focuses the mark, so
the row it stands for shows beside it. Needs Debian's chromium and chromium-driver (scripts/chromium.py).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chromium import Unavailable, browser  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--focus", metavar="ID", help="the mark to focus (e.g. f40)")
    parser.add_argument("--width", type=int, default=1000)
    parser.add_argument("--height", type=int, default=720)
    args = parser.parse_args()
    try:
        with browser(args.width, args.height) as driver:
            driver.get(args.page.resolve().as_uri())
            if args.focus:
                driver.execute_script("const m = document.getElementById(arguments[0]);"
                                      "m.closest('section').scrollIntoView();"
                                      "m.focus({preventScroll: true});", args.focus)
            driver.save_screenshot(str(args.png))
    except Unavailable as e:
        print(f"review_screenshot: {e}", file=sys.stderr)
        return 2
    print(f"{args.png}: {args.png.stat().st_size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
