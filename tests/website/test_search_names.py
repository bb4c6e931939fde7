"""How a page's name is written for the search engine (scripts/website/search_names.py)."""
from __future__ import annotations

import pytest

from website import search_names


pytestmark = pytest.mark.unit


def test_a_chinese_name_gives_the_words_the_browser_cuts_it_into_in_the_field_of_its_length():
    """The words of Chromium's Intl.Segmenter (ICU), seen in the browser: 潍|坊|寿光|高|新|区, 高密|经济|开发|区."""
    assert search_names.field("潍坊(寿光)高新区", "name_zh") == ("name_zh7", "潍 坊 寿光 高 新 区")
    assert search_names.field("高密经济开发区（37）", "name_zh") == ("name_zh9", "高密 经济 开发 区 37")


def test_a_chinese_word_is_written_once_and_not_beside_a_word_it_begins():
    assert search_names.chinese_words("棚户区改造（罗家庄片区、梓童片区）") == \
        ["棚", "户", "区", "改造", "罗", "家", "庄", "片", "梓", "童"]
    # 创 begins 创新 and 创业, 两 begins 两国: a query word 创 would otherwise count three times here.
    assert search_names.chinese_words("安丘市云众创综合创新创业服务示范平台") == \
        ["安丘", "市", "云", "众", "综合", "创新", "创业", "服务", "示范", "平台"]
    assert search_names.chinese_words("中国物流“两国两园”项目") == ["中国", "物流", "两国", "园", "项目"]


def test_a_chinese_name_gives_its_suffixes_without_punctuation_in_the_suffix_field_of_its_length():
    assert search_names.field("潍坊(寿光)高新区", "suffix_zh") == \
        ("suffix_zh7", "潍坊寿光高新区 坊寿光高新区 寿光高新区 光高新区 高新区 新区 区")


def test_a_repeated_character_starts_one_suffix_only_so_a_query_word_is_counted_once():
    field, words = search_names.field("棚户区改造（罗家庄片区、梓童片区）", "suffix_zh")
    assert field == "suffix_zh14"
    suffixes = words.split()
    assert [w for w in suffixes if w.startswith("区")] == ["区改造罗家庄片区"]
    assert [w for w in suffixes if w.startswith("片区")] == ["片区梓童片区"]
    assert len({w[0] for w in suffixes}) == len(suffixes)


def test_an_english_name_gives_its_words_once_and_as_long_as_its_distinct_words():
    assert search_names.field("Total investment of investment projects negotiated", "name_en") == \
        ("name_en5", "total investment of projects negotiated")
    # A word that begins a longer one is matched by it: the longer one stays, whichever comes first.
    assert search_names.field("Zone zones", "name_en") == ("name_en2", "zone")
    assert search_names.field("Villages in village-merger projects", "name_en") == \
        ("name_en4", "in merger villagemerger projects")
    assert search_names.field("Leaders per lead group", "name_en") == ("name_en4", "leaders per group")


def test_a_short_piece_of_a_word_drops_no_other_word_and_joined_forms_are_kept():
    """Found by review: the "s" of "Weifang's" once dropped "special"."""
    assert search_names.field("Parks on Weifang's list of key special parks", "name_en") == \
        ("name_en7", "parks on weifang list of key special")
    assert search_names.field("R&D spending of Hi-tech zones", "name_en") == \
        ("name_en5", "rd spending of tech hitech zones")


def test_suffixes_but_the_whole_name_are_cut_to_a_few_characters():
    words = search_names.field("中共寿光市委寿光市人民政府关于推进新旧动能转换重大工程的实施意见", "suffix_zh")[1].split()
    assert words[0] == "中共寿光市委寿光市人民政府关于推进新旧动能转换重大工程的实施意见"
    assert max(len(w) for w in words[1:]) == search_names.SUFFIX_CHARS
    assert "实施意见" in words


def test_long_names_share_the_last_field():
    for family in ("name_zh", "suffix_zh"):
        assert search_names.field("区" * 100, family)[0] == f"{family}{search_names.MAX_LENGTH}"


def test_a_page_carries_a_field_for_each_language_it_has_a_name_in():
    assert search_names.fields({"zh": "高密经济开发区", "en": "Gaomi Economic Development Zone"}) == [
        ("name_zh7", "高密 经济 开发 区"),
        ("suffix_zh7", "高密经济开发区 密经济开发区 经济开发区 济开发区 开发区 发区 区"),
        ("name_en4", "gaomi economic development zone")]
    assert search_names.fields({"zh": "高密", "en": " "}) == [("name_zh2", "高密"), ("suffix_zh2", "高密 密")]


def test_the_search_box_is_told_each_family_and_its_share():
    assert search_names.families_attribute() == f"name_zh:1 suffix_zh:{search_names.SUFFIX_SHARE:g} name_en:1"


def test_a_name_of_punctuation_only_has_no_field_and_an_unknown_family_is_an_error():
    assert search_names.fields({"zh": "（）", "en": "—"}) == []
    with pytest.raises(ValueError, match="name_fr"):
        search_names.field("Gaomi", "name_fr")
