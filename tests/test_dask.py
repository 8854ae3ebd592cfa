"""Extraction on a local Dask cluster gives the CLI's rows."""
import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("dask.distributed")

from extractor.cli import main  # noqa: E402
from extractor.models import COLUMNS  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def test_rows_on_a_local_cluster_equal_the_cli(client):
    from extractor.dask import extract_paths

    frame = extract_paths([str(SAMPLES)]).compute()
    assert list(frame.columns) == list(COLUMNS)
    cli = CliRunner().invoke(main, ["extract", str(SAMPLES), "-j", "1"])
    expected = [[r[c] for c in COLUMNS] for r in csv.DictReader(io.StringIO(cli.stdout))]
    got = [[str(v) for v in r] for r in frame.itertuples(index=False)]
    assert got == expected and len(got) > 200


def test_bag_of_texts(client):
    import dask.bag as db
    from extractor.dask import extract_texts

    bag = db.from_sequence(["房县新建学校3所。", "竹山县新增企业12家,同比增长20%。"], npartitions=2)
    frame = extract_texts(bag).compute()
    assert [(r.county, r.indicator, r.value, r.unit) for r in frame.itertuples()] == [
        ("房县", "新建学校", "3", "所"), ("竹山县", "新增企业", "12", "家"),
        ("竹山县", "新增企业同比增长", "20", "%")]
