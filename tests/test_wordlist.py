"""jieba loaded once and fast (extractor/wordlist.py) must be the jieba that
jieba itself loads: the same tags as jieba.posseg, the same dictionary as
jieba.initialize()."""
import marshal
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import jieba

from extractor import wordlist
from extractor.wordlist import _load_cached_dictionary, tokenizer


def test_tags_equal_jieba_posseg_tags():
    import jieba.posseg

    assert wordlist.tags() == jieba.posseg.dt.word_tag_tab


def test_tags_of_known_words():
    tags = wordlist.tags()
    assert (tags["增长"], tags["亿元"], tags["县城"]) == ("v", "m", "n")


def test_common_two_char_words_respect_the_frequency():
    common = wordlist.common_two_char_words(3)
    assert "示范" in common
    assert all(len(w) == 2 for w in common)
    assert len(wordlist.common_two_char_words(1000)) < len(common)


def test_a_line_without_its_tag_is_still_read():
    tags, two = wordlist._parse("增长 100 v\n示范 50\n县城 30 n\n")
    assert tags == {"增长": "v", "示范": "", "县城": "n"}
    assert two == {"增长": 100, "示范": 50, "县城": 30}


def _cache_file() -> Path:
    tokenizer()                    # makes sure jieba has written its cache
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

    code = ("import sys; from extractor.wordlist import tokenizer; j = tokenizer(); "
            "print('pkg_resources' in sys.modules, '/'.join(j.lcut('全县生产总值增长6%', HMM=False)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "全县/生产总值/增长/6/%"]
