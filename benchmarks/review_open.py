"""How the review page grows and how fast it opens: N documents (copies of
``samples/``, each under its own name) rendered with ``render_page`` and
opened in headless Chromium (scripts/chromium.py: Debian's chromium and
chromium-driver).

    .venv/bin/python benchmarks/review_open.py                 # 250, 500 and 1000 documents
    .venv/bin/python benchmarks/review_open.py --docs 1000 --repeat 5

For each size it prints the rows, the input and page sizes (bytes), the time
to render, and the time to open: from navigation to the end of the load
event, by which the page's script has drawn the first rows (best of
``--repeat``, each load in a fresh tab state).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from chromium import browser  # noqa: E402
from extractor.pipeline import extract_document  # noqa: E402
from extractor.reader import iter_paths, read_document  # noqa: E402
from extractor.review import render_page  # noqa: E402

TIMING = """
const e = performance.getEntriesByType("navigation")[0];
const paint = performance.getEntriesByName("first-contentful-paint")[0];
return [e.domContentLoadedEventEnd, e.loadEventEnd, paint ? paint.startTime : null,
        document.getElementById("rows-count").value];
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--samples", default=str(REPO / "samples"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base = [(d, extract_document(d)) for d in map(read_document, iter_paths([args.samples]))]
    with tempfile.TemporaryDirectory(prefix="review-open-") as folder:
        measure(base, args.docs, args.repeat, Path(folder))
    return 0


def measure(base: list, sizes: list[int], repeat: int, folder: Path) -> None:
    pages = []
    for n in sizes:
        items = []
        for k in range(n):
            doc, figures = base[k % len(base)]
            name = f"{k:05d}_{doc.source}"
            items.append((replace(doc, source=name), [replace(f, source=name) for f in figures]))
        start = time.perf_counter()
        page = render_page(items).encode("utf-8")
        took = time.perf_counter() - start
        path = folder / f"review-{n}.html"
        path.write_bytes(page)
        text = sum(len(d.text.encode("utf-8")) for d, _ in items)
        rows = sum(len(f) for _, f in items)
        print(f"{n} documents: {rows} rows, input {text} bytes, page {len(page)} bytes "
              f"({len(page) / n:.0f} per document, {len(page) / text:.2f}x the input), rendered in {took:.2f} s")
        pages.append((n, path))
    with browser() as driver:
        for n, path in pages:
            runs = []
            for _ in range(repeat):
                driver.get("about:blank")
                driver.get(path.as_uri())
                runs.append(driver.execute_script(TIMING))
            best = min(runs, key=lambda r: r[1])
            print(f"{n} documents: opened in {best[1] / 1000:.2f} s (load event end; DOM ready "
                  f"{best[0] / 1000:.2f} s, first paint {best[2] / 1000:.2f} s; best of {repeat}); "
                  f"table: {best[3]}")


if __name__ == "__main__":
    sys.exit(main())
