"""Many files on several processes: same results, same order, nothing lost."""
import os

import pytest

from extractor import batch


def _files(tmp_path, n):
    paths = []
    for k in range(n):
        p = tmp_path / f"{k:02d}.txt"
        p.write_text(f"房县新建学校{k + 1}所,新增学位{k + 100}个。", encoding="utf-8")
        paths.append(str(p))
    return paths


def _rows(results):
    return [(os.path.basename(r.path), [(f.indicator, str(f.value)) for f in r.figures], r.error)
            for r in results]


def test_jobs_give_the_results_of_one_process_in_order(tmp_path):
    paths = _files(tmp_path, 40)
    assert _rows(batch.process(paths, jobs=2)) == _rows(batch.process(paths, jobs=1))


@pytest.mark.skipif(os.name == "nt", reason="workers are forked")
def test_files_of_a_dead_worker_are_read_in_the_main_process(tmp_path, monkeypatch):
    paths = _files(tmp_path, 40)
    expected = _rows(batch.process(paths, jobs=1))
    parent = os.getpid()
    whole_file = batch._whole_file

    def dies_on_file_7(item, *args, **kwargs):
        if item.path.endswith("07.txt") and os.getpid() != parent:
            os._exit(1)                   # as if killed for memory
        return whole_file(item, *args, **kwargs)

    monkeypatch.setattr(batch, "_whole_file", dies_on_file_7)
    assert _rows(batch.process(paths, jobs=2)) == expected
