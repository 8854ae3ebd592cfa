"""How well the standard indicators agree with the shared gold rows.

    python scripts/measure_standard.py [--shared ../shared] [--list]

For the gold rows of ``gold/seeds`` and ``dev-extra/gold`` the reference is
``standard.classify`` applied to the gold row's own indicator phrase and unit
(``--list`` prints those readings for review by eye). The extractor is run
over the same inputs (as ``scripts/evaluate.py`` does) and its rows are
matched to the gold rows by document, value and unit with the shared scorer
(``eval/score.py``, loaded from its path). On the matched rows whose gold
names one of the indicators of the issue, it prints how often the
extractor's ``indicator_std`` and ``measure`` agree with the reference, how
often they are empty, and how often the name is wrong; and on all matched
rows, how often the extractor gives one of those names where the gold
names another or none.

Without the shared folder it says so in one line and exits 0.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

ISSUE_NAMES = frozenset("""地区生产总值 人均地区生产总值 第一产业增加值 第二产业增加值 第三产业增加值
    规模以上工业增加值 规模以上工业总产值 固定资产投资 社会消费品零售总额 一般公共预算收入
    一般公共预算支出 城镇居民人均可支配收入 农村居民人均可支配收入 全体居民人均可支配收入
    金融机构各项存款余额 金融机构各项贷款余额 常住人口 户籍人口 粮食总产量 粮食播种面积 进出口总额
    接待游客 旅游综合收入 招商引资到位资金 城镇新增就业""".split())
# Gold phrases holding one of these and read as none of the names are listed
# with --list, to review what the vocabulary misses.
HINTS = ("生产总值", "GDP", "增加值", "工业总产值", "固定资产投资", "零售", "预算收入", "预算支出",
         "可支配收入", "存款", "贷款", "人口", "粮食", "进出口", "游客", "旅游", "到位资金", "就业")


def pairs_of_set(scorer, shared: Path, input_rel: str, gold_rel: str, manifest_rel):
    """(pred row, gold row) pairs of one set, and its gold rows."""
    import evaluate

    urls = evaluate.manifest_urls(shared / manifest_rel if manifest_rel else None)
    text, _ = evaluate.extract_set(shared / input_rel, urls)
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as tmp:
        tmp.write(text)
    try:
        pred = scorer.read_rows(tmp.name, False)
    finally:
        os.unlink(tmp.name)
    gold = [r for p in scorer.gold_files([str(shared / gold_rel)]) for r in scorer.read_rows(p, True)]
    by_doc_p: dict = {}
    for p in pred:
        by_doc_p.setdefault(p.doc, []).append(p)
    by_doc_g: dict = {}
    for g in gold:
        by_doc_g.setdefault(g.doc, []).append(g)
    pairs = [pair for doc, golds in by_doc_g.items()
             for pair in scorer.match_doc(by_doc_p.get(doc, []), golds)]
    return pairs, gold


def reference(gold_row):
    from extractor.standard import classify

    r = classify(gold_row.indicator, gold_row.unit)
    return r.name, r.measure


def measure(pairs) -> dict:
    """Counts over the matched, non-optional pairs."""
    c: Counter = Counter()
    for p, g in pairs:
        if g.optional:
            continue
        ref_name, ref_measure = reference(g)
        got_name, got_measure = p.raw.get("indicator_std", ""), p.raw.get("measure", "")
        c["matched"] += 1
        if ref_name in ISSUE_NAMES:
            c["named"] += 1
            if (got_name, got_measure) == (ref_name, ref_measure):
                c["agree"] += 1
            elif not got_name:
                c["empty"] += 1
            elif got_name != ref_name:
                c["wrong_name"] += 1
            else:
                c["wrong_measure"] += 1
        elif got_name in ISSUE_NAMES:
            c["named_where_gold_does_not"] += 1
    return c


def report(name: str, c: Counter) -> str:
    n = c["named"] or 1
    m = c["matched"] or 1
    return (f"{name}: {c['named']} matched rows name an issue indicator: agree {c['agree'] / n:.3f}, "
            f"empty {c['empty'] / n:.3f}, wrong name {c['wrong_name'] / n:.3f}, "
            f"wrong measure {c['wrong_measure'] / n:.3f}; of all {c['matched']} matched rows, "
            f"{c['named_where_gold_does_not'] / m:.3f} get an issue name the gold row does not have")


def list_gold(gold) -> None:
    """The reference reading of every gold row that names, or might name, an indicator."""
    for g in gold:
        name, meas = reference(g)
        hinted = any(h in g.indicator for h in HINTS)
        if name or hinted:
            flag = "" if name in ISSUE_NAMES else ("other" if name else "NONE")
            opt = " (optional)" if g.optional else ""
            print(f"  {flag:<5} {g.doc} | {g.indicator} | {g.unit} -> {name or '-'} {meas}{opt}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"), help="the shared folder (default ../shared)")
    ap.add_argument("--list", action="store_true", help="print the reference reading of the gold rows")
    ap.add_argument("--misses", action="store_true", help="print matched rows that do not agree")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "eval" / "score.py").exists():
        print(f"measure_standard: no shared gold at {shared} (eval/score.py missing); nothing to measure")
        return 0
    import evaluate

    scorer = evaluate.load_scorer(shared)
    total: Counter = Counter()
    for name, input_rel, gold_rel, manifest_rel in evaluate.SETS:
        pairs, gold = pairs_of_set(scorer, shared, input_rel, gold_rel, manifest_rel)
        if args.list:
            print(f"== {name}: gold readings")
            list_gold(gold)
        if args.misses:
            for p, g in pairs:
                ref = reference(g)
                got = (p.raw.get("indicator_std", ""), p.raw.get("measure", ""))
                if not g.optional and (ref[0] in ISSUE_NAMES or got[0] in ISSUE_NAMES) and got != ref:
                    print(f"  MISS {g.doc} | gold {g.indicator} {g.unit} -> {ref} | "
                          f"extractor {p.raw.get('indicator')} -> {got}")
        c = measure(pairs)
        total += c
        print(report(name, c))
    print(report("all", total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
