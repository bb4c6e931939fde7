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


def test_the_topics_field_holds_each_word_once_in_the_pages_language():
    assert search_names.topics(["签约项目数", "签约项目总投资"], "zh") == [("topics", "签 约 项目 数 总 投资")]
    assert search_names.topics(["Projects signed", "Total investment of projects signed"], "en") == \
        [("topics", "projects signed total investment of")]
    assert search_names.topics([], "zh") == []
