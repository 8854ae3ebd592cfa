"""jieba loaded once and fast (extractor/wordlist.py) must be the jieba that
jieba itself loads: the same tags as jieba.posseg, the same dictionary as
jieba.initialize()."""
import marshal
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import wordlist
from extractor.wordlist import _load_cached_dictionary, tokenizer


def test_tags_are_jieba_posseg_tags_of_the_classes_kept():
    import jieba.posseg

    kept = {w: t for w, t in jieba.posseg.dt.word_tag_tab.items() if t[:1] in wordlist.TAG_CLASSES}
    assert wordlist.tags() == kept


def test_tags_of_known_words():
    tags = wordlist.tags()
    assert (tags["增长"], tags["和"], tags.get("县城", "")) == ("v", "c", "")    # a noun reads as untagged


def test_common_two_char_words_respect_the_frequency():
    common = wordlist.common_two_char_words(3)
    assert "示范" in common
    assert all(len(w) == 2 for w in common)
    assert len(wordlist.common_two_char_words(1000)) < len(common)


def test_a_line_without_its_tag_is_still_read():
    tags, two = wordlist._parse("增长 100 v\n示范 50\n和 30 c\n")
    assert tags == {"增长": "v", "和": "c"}
    assert two == {"增长": 100, "示范": 50}


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


# wordlist.cut must give jieba.lcut(text, HMM=False) word for word.
CUTS = [
    "全县生产总值增长6%",
    "农村常住居民人均可支配收入年均增长8.5%",
    "GDP265亿元,CPI102.1",
    "5A级景区 3个\r\n新建学校",
    "“十四五”期间, 全县...新增A级景区12家!",
    "",
]

PIECES = list("县市区生产总值增长投资亿万元人均收入农村居民新建学校项目个家所的了和与及在对向")
PIECES += list("abcXYZ0123456789.%+-#&_ ,，。、“”()（）\r\n\t")
PIECES += ["生产总值", "可支配收入", "固定资产投资", "同比增长", "亿元", "A级", "GDP"]


@pytest.mark.parametrize("text", CUTS)
def test_cut_gives_jiebas_words(text):
    assert wordlist.cut(text) == tokenizer().lcut(text, HMM=False)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_cut_agrees_with_jieba_on_any_text(text):
    assert wordlist.cut(text) == tokenizer().lcut(text, HMM=False)
