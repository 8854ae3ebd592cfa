"""jieba's dictionary loaded from jieba's own cache file, faster than jieba
does it, must be the dictionary jieba itself loads."""
import marshal
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import jieba

from extractor.indicators import _jieba, _load_cached_dictionary


def _cache_file() -> Path:
    _jieba()                       # makes sure jieba has written its cache
    return Path(jieba.dt.tmp_dir or tempfile.gettempdir(), "jieba.cache")


def test_the_cached_dictionary_is_what_jieba_loads(tmp_path):
    shutil.copy(_cache_file(), tmp_path / "jieba.cache")
    ours, theirs = jieba.Tokenizer(), jieba.Tokenizer()
    ours.tmp_dir = theirs.tmp_dir = str(tmp_path)
    _load_cached_dictionary(SimpleNamespace(dt=ours, DEFAULT_DICT=jieba.DEFAULT_DICT))
    theirs.initialize()
    assert ours.initialized
    assert (ours.total, ours.FREQ) == (theirs.total, theirs.FREQ)
    assert ours.lcut("全县生产总值增长6%", HMM=False) == ["全县", "生产总值", "增长", "6", "%"]


def test_a_broken_cache_is_left_to_jieba(tmp_path):
    (tmp_path / "jieba.cache").write_bytes(marshal.dumps((1, 2))[:3])
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(tmp_path)
    _load_cached_dictionary(SimpleNamespace(dt=tokenizer, DEFAULT_DICT=jieba.DEFAULT_DICT))
    assert not tokenizer.initialized


def test_a_user_dictionary_is_left_to_jieba(tmp_path):
    shutil.copy(_cache_file(), tmp_path / "jieba.cache")
    tokenizer = jieba.Tokenizer(dictionary=str(tmp_path / "my_dict.txt"))
    tokenizer.tmp_dir = str(tmp_path)
    _load_cached_dictionary(SimpleNamespace(dt=tokenizer, DEFAULT_DICT=jieba.DEFAULT_DICT))
    assert not tokenizer.initialized


def test_jieba_is_imported_without_pkg_resources_and_still_cuts():
    import subprocess
    import sys

    code = ("import sys; from extractor.indicators import _jieba; j, _ = _jieba(); "
            "print('pkg_resources' in sys.modules, '/'.join(j.lcut('全县生产总值增长6%', HMM=False)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "全县/生产总值/增长/6/%"]
