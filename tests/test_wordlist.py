"""jieba's dictionary read directly must give what jieba.posseg gives."""
from extractor import wordlist


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
