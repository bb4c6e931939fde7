"""What Pagefind indexes of a page (scripts/website/search_text.py) and the topics field (search_names.topics)."""
from __future__ import annotations

import pytest

from website import search_names, search_text

pytestmark = pytest.mark.unit

PAGE = ('<html lang="zh"><head><script>var s = "招商引资";</script></head><body>'
        '<article class="md-content__inner"><h1 title="招商引资">潍坊经济开发区 <span lang="en">Weifang</span></h1>'
        '<p>2021年招商引资，进出口总额&amp;签约项目。</p></article></body></html>')


def test_a_chinese_pages_text_is_written_in_the_browsers_words_and_its_markup_is_not():
    cut = search_text.cut_page(PAGE)
    assert "潍 坊 经济 开发 区 <span" in cut
    assert "2021年 招 商 引 资，进出口 总额&amp;签 约 项目。" in cut
    assert 'var s = "招商引资";' in cut and 'title="招商引资"' in cut


def test_the_long_words_jieba_would_cut_are_in_a_field_at_the_start_of_the_article():
    cut = search_text.cut_page(PAGE)
    assert '<article class="md-content__inner"><span hidden data-pagefind-meta="words:进出口"></span><h1' in cut


def test_a_page_in_another_language_is_indexed_as_it_is():
    english = PAGE.replace('lang="zh"', 'lang="en"')
    assert search_text.cut_page(english) == english


def test_each_topic_has_a_field_of_its_own_in_the_pages_language():
    assert search_names.topics(["签约项目数", "签约项目总投资"], "zh") == [("topics1", "签 约 项目 数"),
                                                                 ("topics2", "签 约 项目 总 投资")]
    assert search_names.topics(["Land area", "Floor area", "New construction land"], "en") == \
        [("topics1", "land area"), ("topics2", "floor area"), ("topics3", "new construction land")]
    assert search_names.topics([], "zh") == []


def test_a_topic_whose_words_are_all_in_another_shares_its_field():
    """Pagefind adds up the boosts of every field holding the query: a page of five figures on projects signed,
    each in a field of its own, would outweigh the indicator named so."""
    names = ["Projects signed", "Land area", "Total investment of projects signed",
             "Enterprises with main business revenue over 5 billion yuan",
             "Enterprises with main business revenue over 10 billion yuan", "Projects"]
    assert search_names.topics(names, "en") == [
        ("topics1", "projects signed total investment of"), ("topics2", "land area"),
        ("topics3", "enterprises with main business revenue over 5 billion yuan 10")]


def test_topics_sharing_two_key_words_share_a_field_and_one_is_not_enough():
    """A document reporting two kinds of main business revenue held the query whole in two fields: twice the boost
    of the park that reports one."""
    assert search_names.topics(["Main business revenue of an industry", "Land area", "Floor area",
                                "Enterprises with main business revenue over 5 billion yuan"], "en") == [
        ("topics1", "main business revenue of an industry enterprises with over 5 billion yuan"),
        ("topics2", "land area"), ("topics3", "floor area")]
    assert search_names.topics(["产业主营业务收入", "占地面积", "主营业务收入过50亿元企业数", "建筑面积"], "zh") == [
        ("topics1", "产业 主 营 业务 收入 过 50 亿 元 企业 数"), ("topics2", "占地 面积"), ("topics3", "建筑 面积")]


def test_a_topic_sharing_a_word_with_the_pages_name_gives_only_its_other_key_words():
    """The fund's page reporting its size holds "size", not "fund"; the inspection centre's reporting 质检中心数
    (质|检|中心|数) holds nothing: 中心 is in its name, and 质, 检 and 数 say little alone."""
    assert search_names.topics(["Fund size", "Funds"], "en", own="Shouguang Mother Fund") == [("topics1", "size")]
    assert search_names.topics(["质检中心数", "平台"], "zh", own="诸城市检验检测中心") == [("topics1", "平台")]


def test_a_source_pages_topics_are_in_fields_of_their_own():
    """A source page's topics weigh less than a place's (search_names.SOURCE_TOPICS_WEIGHT): fields of their own."""
    assert search_names.topics(["Land area"], "en", family=search_names.SOURCE_TOPICS_FIELD) == \
        [("source_topics1", "land area")]
    assert search_names.SOURCE_TOPICS_WEIGHT < search_names.TOPICS_WEIGHT
    with pytest.raises(ValueError, match="no topics family"):
        search_names.topics(["Land area"], "en", family="name_en")


def test_stop_words_say_nothing_of_a_name():
    assert search_names.key_words("Projects signed per year in the zone", "en") == {"project", "signed", "year", "zone"}


def test_the_names_past_the_last_topics_field_share_it():
    names = [f"w{n}x" for n in range(search_names.TOPIC_FIELDS + 5)]
    fields = search_names.topics(names, "en")
    assert len(fields) == search_names.TOPIC_FIELDS
    assert fields[-1] == (f"topics{search_names.TOPIC_FIELDS}", " ".join(names[search_names.TOPIC_FIELDS - 1:]))
