"""Score the extractor on the shared gold rows: `make eval`.

    python scripts/evaluate.py [--shared ../shared] [--json] [--misses N]

Runs the extractor in this process over ``samples`` (gold ``gold/seeds``) and
``dev-extra/raw`` (gold ``dev-extra/gold``), scores the rows with the shared
scorer (``eval/score.py``, loaded from the shared folder, never copied), and
prints the score lines, the per-document table and the misses grouped by the
rule that decided them and by kind. A page whose text never names its county
(``MANIFEST.tsv``: ``named_in_text`` = no) is given its address (the
manifest's ``url``, not its ``county``), as a user with a list of what was
crawled would: its county then comes from the address.

Without the shared folder it says so in one line and exits 0.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SETS = (  # name, input folder, gold folder, manifest (relative to the shared folder)
    ("seeds", "samples", "gold/seeds", None),
    ("dev-extra", "dev-extra/raw", "dev-extra/gold", "dev-extra/MANIFEST.tsv"),
)


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def manifest_urls(path: Path | None) -> dict[str, str]:
    """file -> address for the pages that never name their county."""
    if path is None or not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        return {r["file"]: r["url"] for r in csv.DictReader(f, delimiter="\t")
                if r.get("named_in_text", "yes").strip().lower() == "no"}


def extract_set(input_dir: Path, urls: dict[str, str]) -> tuple[str, list]:
    """The rows of every file of ``input_dir`` as CSV text, and the figures."""
    from dataclasses import replace

    from extractor.models import COLUMNS
    from extractor.pipeline import extract_document
    from extractor.reader import iter_paths, read_document
    from extractor.writer import row

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    figures = []
    for path in iter_paths([str(input_dir)]):
        doc = read_document(path)
        doc = replace(doc, url=urls.get(os.path.basename(path), doc.url))
        for f in extract_document(doc):
            r = row(f)
            writer.writerow([r[c] for c in COLUMNS])
            figures.append(f)
    return out.getvalue(), figures


def score_set(scorer, shared: Path, name: str, input_rel: str, gold_rel: str, manifest_rel):
    import tempfile

    urls = manifest_urls(shared / manifest_rel if manifest_rel else None)
    text, figures = extract_set(shared / input_rel, urls)
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as tmp:
        tmp.write(text)
    try:
        pred = scorer.read_rows(tmp.name, False)
    finally:
        os.unlink(tmp.name)
    gold = [r for p in scorer.gold_files([str(shared / gold_rel)]) for r in scorer.read_rows(p, True)]
    result, errors = scorer.score(gold, pred)
    return result, errors, figures


def summary_line(result: dict) -> str:
    acc = result.get("accuracy_on_matched", {})
    return (f"figure F1={result['figure']['f1']:.3f} county F1={result['county']['f1']:.3f} "
            f"full F1={result['full']['f1']:.3f} (P={result['full']['precision']:.3f} "
            f"R={result['full']['recall']:.3f}); county acc {acc.get('county', 0):.3f} "
            f"(baseline {result.get('main_county_baseline', 0):.3f}), status acc {acc.get('status', 0):.3f}")


def scores(shared: Path) -> dict[str, dict]:
    """{set name: scorer result} (used by the regression floor test)."""
    scorer = load_scorer(shared)
    return {name: score_set(scorer, shared, name, i, g, m)[0] for name, i, g, m in SETS}


def _rules_of(pred_row, figures_by_key) -> str:
    f = figures_by_key.get((pred_row.doc, pred_row.raw.get("start")))
    return getattr(f, "rules", "") if f is not None else ""


def report(shared: Path, misses: int) -> None:
    scorer = load_scorer(shared)
    for name, input_rel, gold_rel, manifest_rel in SETS:
        result, errors, figures = score_set(scorer, shared, name, input_rel, gold_rel, manifest_rel)
        by_key = {(os.path.splitext(f.source)[0], str(f.start)): f for f in figures}
        print(f"== {name}")
        print(f"{'doc':<28}{'gold':>6}{'pred':>6}{'figure':>8}{'county':>8}{'full':>6}")
        for doc, d in result["docs"].items():
            print(f"{doc:<28}{d['gold']:>6}{d['pred']:>6}{d['figure']:>8}{d['county']:>8}{d['full']:>6}")
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for g in errors["missed"]:
            groups[("missed", "")].append(f"{g.doc} | {g.mention} | {g.indicator} {g.raw.get('value')} {g.unit}")
        for p in errors["spurious"]:
            groups[("spurious", _rules_of(p, by_key))].append(
                f"{p.doc} | {p.indicator} {p.raw.get('value')} {p.unit} | {p.raw.get('mention', '')}")
        for p, g in errors["wrong_county"]:
            groups[("county", _rules_of(p, by_key))].append(
                f"{p.doc} | {g.mention} | got {p.county!r} want {g.county!r}")
        for p, g in errors["wrong_indicator"]:
            groups[("indicator", _rules_of(p, by_key))].append(
                f"{p.doc} | {g.mention} | got {p.indicator!r} want {g.indicator!r}")
        if misses:
            for (kind, rule_ids), lines in sorted(groups.items(), key=lambda kv: (kv[0][0], -len(kv[1]))):
                print(f"-- {kind} [{rule_ids or 'no rule ids'}]: {len(lines)}")
                for line in lines[:misses]:
                    print(f"   {line}")
        kinds: Counter = Counter()
        for (kind, _), lines in groups.items():
            kinds[kind] += len(lines)
        print("misses by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
        print(f"{name}: {summary_line(result)}")
        print()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"), help="the shared folder (default ../shared)")
    ap.add_argument("--json", action="store_true", help="print the scores of each set as JSON")
    ap.add_argument("--misses", type=int, default=8, metavar="N",
                    help="misses shown per group (0: counts only)")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "eval" / "score.py").exists():
        print(f"evaluate: no shared gold at {shared} (eval/score.py missing); nothing to score")
        return 0
    if args.json:
        print(json.dumps(scores(shared), ensure_ascii=False, indent=1))
    else:
        report(shared, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
