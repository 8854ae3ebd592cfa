"""A sources manifest (--sources): reading it, matching rows to inputs, what
each row gives its input, and the county priority: --county, then the
manifest's county, then the text's, then the address's."""
import csv
import io
import warnings

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.sources import Source, SourcesError, SourcesWarning, match, read_manifest

# A county government's own news: it never names its county.
OWN_NEWS = "上半年，全县地区生产总值增长5.1%。"
NAMED = "上半年，竹溪县地区生产总值增长5.1%。"
TITLED = "竹溪县经济运行简报\n上半年，全县地区生产总值增长5.1%。\n"     # 全县 is the main county
LIULIN = "http://www.liulin.gov.cn/xwzx/202407/t20240720_1.shtml"


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def run(args):
    return CliRunner().invoke(main, args)


def rows(result):
    return list(csv.DictReader(io.StringIO(result.stdout)))


# --- reading ------------------------------------------------------------------------

def test_tsv_with_extra_columns(tmp_path):
    m = write(tmp_path / "MANIFEST.tsv", "file\turl\tcounty\tkind\tchars\n"
                                         "a.txt\thttp://x.gov.cn/1.html\t康平县;法库县\tsummary\t853\n")
    manifest = read_manifest(str(m))
    assert manifest.rows == ((2, Source("a.txt", "http://x.gov.cn/1.html", "康平县")),)
    assert manifest.problems == ()


def test_csv_with_every_column(tmp_path):
    m = write(tmp_path / "sources.csv", "\ufeffFile,URL,County,Date,Title\n"
                                        'sub/a.txt,http://x.gov.cn/,房县,2023/2/11 09:41,"房县2022年统计公报"\n')
    (_, source), = read_manifest(str(m)).rows
    assert source == Source("sub/a.txt", "http://x.gov.cn/", "房县", "2023-02-11", "房县2022年统计公报")


def test_delimiter_from_the_header_when_the_extension_does_not_say(tmp_path):
    m = write(tmp_path / "sources.txt", "file\tdate\na.txt\t2023-02-11\n")
    assert read_manifest(str(m)).rows[0][1].published == "2023-02-11"


def test_problems_found_while_reading(tmp_path):
    m = write(tmp_path / "m.tsv", "file\tdate\na.txt\t2023-02-30\nb.txt\t\na.txt\t2023-01-01\n")
    manifest = read_manifest(str(m))
    assert [s.file for _, s in manifest.rows] == ["a.txt", "b.txt"]
    assert manifest.problems == (
        f"{m}:2: bad date '2023-02-30' (expected a date such as 2023-02-11); ignored",
        f"{m}:4: a.txt is listed again (first on line 2); this row is ignored",
    )


@pytest.mark.parametrize("content, message", [
    ("", "empty manifest (a header row with a 'file' column is required)"),
    ("name\turl\na.txt\thttp://x.gov.cn/\n", "no 'file' column in the header (found: name, url)"),
])
def test_unusable_manifests(tmp_path, content, message):
    m = write(tmp_path / "m.tsv", content)
    with pytest.raises(SourcesError) as e:
        read_manifest(str(m))
    assert str(e.value) == f"{m}: {message}"


def test_missing_manifest(tmp_path):
    with pytest.raises(SourcesError, match=r"m\.tsv: No such file or directory$"):
        read_manifest(str(tmp_path / "m.tsv"))


# --- matching ---------------------------------------------------------------------

def test_match_by_relative_path_and_by_name(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    m = write(tmp_path / "m.tsv", "file\turl\nx/a.txt\thttp://a.gov.cn/\nb.txt\thttp://b.gov.cn/\n"
                                  "gone.txt\thttp://c.gov.cn/\n")
    paths = [str(tmp_path / "x" / "a.txt"), str(tmp_path / "y" / "a.txt"), str(tmp_path / "y" / "b.txt")]
    found, problems = match(read_manifest(str(m)), paths)
    assert {p: s.url for p, s in found.items()} == {paths[0]: "http://a.gov.cn/", paths[2]: "http://b.gov.cn/"}
    assert problems == [f"{paths[1]}: no row in {m}", f"{m}:4: gone.txt names no input"]


# --- on the command line ------------------------------------------------------------

def test_cli_county_from_the_address(tmp_path):
    a = write(tmp_path / "a.txt", OWN_NEWS)
    m = write(tmp_path / "m.tsv", f"file\turl\na.txt\t{LIULIN}\n")
    result = run(["extract", str(a), "--sources", str(m)])
    assert result.exit_code == 0 and result.stderr == ""
    (r,) = rows(result)
    assert (r["county"], r["period"], r["year"], r["url"], r["published"]) == (
        "柳林县", "上半年", "2024", LIULIN, "2024-07-20")


def test_cli_reports_problems_and_goes_on(tmp_path):
    a = write(tmp_path / "a.txt", OWN_NEWS)
    b = write(tmp_path / "b.txt", NAMED)
    m = write(tmp_path / "m.tsv", "file\tdate\na.txt\tlast week\nc.txt\t2023-01-01\n")
    result = run(["extract", str(a), str(b), "--sources", str(m), "-j", "1"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"county-figures: {m}:2: bad date 'last week' (expected a date such as 2023-02-11); ignored",
        f"county-figures: {b}: no row in {m}",
        f"county-figures: {m}:3: c.txt names no input",
    ]
    assert [r["county"] for r in rows(result)] == ["", "竹溪县"]


def test_cli_unusable_manifest_is_a_usage_error(tmp_path):
    a = write(tmp_path / "a.txt", OWN_NEWS)
    m = write(tmp_path / "m.csv", "name,url\n")
    result = run(["extract", str(a), "--sources", str(m)])
    assert result.exit_code == 2
    assert f"{m}: no 'file' column in the header (found: name, url)" in result.stderr


PRIORITY = [
    # (text, manifest county, --county, the document's main county)
    (OWN_NEWS, "", "", "柳林县"),              # the address, when the text names none
    (TITLED, "", "", "竹溪县"),                # the text before the address
    (TITLED, "房县", "", "房县"),              # the manifest before the text
    (OWN_NEWS, "房县;竹山县", "", "房县"),      # the first of several
    (TITLED, "房县", "郧西县", "郧西县"),       # --county before everything
    (NAMED, "房县", "郧西县", "竹溪县"),        # a figure the text gives a county keeps it
]


@pytest.mark.parametrize("text, manifest_county, county, expected", PRIORITY)
def test_county_priority(tmp_path, text, manifest_county, county, expected):
    a = write(tmp_path / "a.txt", text)
    m = write(tmp_path / "m.tsv", f"file\turl\tcounty\na.txt\t{LIULIN}\t{manifest_county}\n")
    args = ["extract", str(a), "--sources", str(m)] + (["--county", county] if county else [])
    assert [r["county"] for r in rows(run(args))] == [expected]


def test_parallel_run_gives_the_same_rows(tmp_path):
    for k in range(6):
        write(tmp_path / f"{k}.txt", OWN_NEWS if k % 2 else NAMED)
    m = write(tmp_path / "m.tsv", "file\turl\tdate\n" + "".join(
        f"{k}.txt\thttp://www.minhou.gov.cn/{k}\t2023-07-0{k + 1}\n" for k in range(6)))
    one = run(["extract", str(tmp_path), "--sources", str(m), "-j", "1"])
    two = run(["extract", str(tmp_path), "--sources", str(m), "-j", "2"])
    assert one.stdout == two.stdout
    assert [(r["county"], r["published"]) for r in rows(one)][:2] == [("竹溪县", "2023-07-01"), ("闽侯县", "2023-07-02")]


# --- library front ends ------------------------------------------------------------

def test_extract_frame_with_sources(tmp_path):
    from extractor.frame import extract_frame

    a = write(tmp_path / "a.txt", OWN_NEWS)
    m = write(tmp_path / "m.tsv", f"file\turl\na.txt\t{LIULIN}\nb.txt\thttp://x.gov.cn/\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = extract_frame([str(a), "房县新建学校3所。"], sources=m)
    assert [str(w.message) for w in caught if w.category is SourcesWarning] == [f"{m}:3: b.txt names no input"]
    assert df[["county", "url", "year"]].values.tolist() == [["柳林县", LIULIN, "2024"], ["房县", "", ""]]


def test_dask_extract_paths_with_sources(tmp_path):
    pytest.importorskip("dask")
    from extractor.dask import extract_paths

    write(tmp_path / "a.txt", OWN_NEWS)
    m = write(tmp_path / "m.tsv", f"file\turl\na.txt\t{LIULIN}\n")
    frame = extract_paths([str(tmp_path)], sources=str(m)).compute(scheduler="synchronous")
    assert frame[["county", "year", "published"]].values.tolist() == [["柳林县", "2024", "2024-07-20"]]
