"""Chart rendering: real charts drawn by vl-convert with the subset font, checked in their files."""
from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import altair as alt
import jsonschema
import pytest
import vl_convert
from fontTools.ttLib import TTFont

from charts import font as chart_font
from charts import render as chart_render
from charts import spec as chart_spec
from charts.render import Chart, ChartRow
from chart_samples import sample_map


pytestmark = pytest.mark.unit

LEGEND_ZH = {"actual": "实际", "target": "目标", "suspect": "存疑", "qualified": "≥ 下限（原文为“超过”“以上”等）",
             "remainder": "原文未列出"}
LEGEND_EN = {"actual": "actual", "target": "target", "suspect": "doubtful",
             "qualified": "≥ lower bound (the text says \"more than\", \"over\" ...)", "remainder": "not itemised in the text"}
FOOTER_ZH = "来源：《潍坊：大干三个月 实现新突破》 · 山东开发区数据 · CC BY 4.0"
FOOTER_EN = "Source: Weifang: three months of all-out effort · Shandong Development Zones Data · CC BY 4.0"


def row(label, value, text, qualifier="exact", status="actual", suspect=False, number=1) -> ChartRow:
    return ChartRow(label, value, text, qualifier, status, suspect, f"obs-{number}", "weifang-campaign-2019")


def sample(folder: Path) -> list[Chart]:
    """A zh ranking (qualified, target, suspect figures), an en ranking with huge values, a zh parts chart."""
    ranking_zh = Chart(folder / "zh", "chart-1", "zh", "潍坊各开发区固定资产投资（亿元，2019年）", 1e8, (
        row("高密经济开发区", 1.146e10, "114.6亿元", number=1),
        row("潍坊滨海经济技术开发区", 1.0e10, "超过100亿元", "more_than", number=2),
        row("寿光经济开发区", 8.3e9, "83亿元", status="target", number=3),
        row("昌邑经济开发区", 2.5e9, "25亿元", suspect=True, number=4)), FOOTER_ZH, LEGEND_ZH)
    ranking_en = Chart(folder / "en", "chart-1", "en", "Registered capital of parks, 2020 (100 million yuan)",
                       1e8, (
        row("Weifang Binhai Economic and Technological Development Zone", 1.30191e11, "130.191 billion yuan", number=5),
        row("Gaomi Economic Development Zone", 1.2e10, "more than 12 billion yuan", "more_than", number=6),
        row("Anqiu Economic Development Zone", 3.0e9, "3 billion yuan", status="target", suspect=True, number=7)),
        FOOTER_EN, LEGEND_EN)
    parts_zh = Chart(folder / "zh", "chart-2", "zh", "十六个开发区固定资产投资及其中列出的开发区（亿元）", 1e8, (
        row("高密经济开发区", 1.146e10, "114.6亿元", number=8),
        row("诸城经济开发区", 9.0e9, "约90亿元", "approximately", number=9)), FOOTER_ZH, LEGEND_ZH,
        kind="parts", total=row("十六个开发区合计", 1.30191e11, "1301.91亿元", number=10))
    return [ranking_zh, ranking_en, parts_zh]


def svg_texts(svg: str) -> str:
    """All text drawn in an SVG, joined; no-break spaces (which keep "CC BY 4.0" on one line) as spaces."""
    return " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)).replace("\u00a0", " ")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The sample charts and a sample map written twice into one new chart cache, as the pipeline draws
    maps with the charts: (charts, first stats, second stats, the folder of their subset font, the map).
    The font comes from the build's font cache, as in the pipeline (it is keyed by its characters, so
    these drawings' font is theirs alone): subsetting the CJK font takes seconds, and a maintainer's
    `make check` after the first pays it once."""
    work = tmp_path_factory.mktemp("charts")
    drawn, locator = sample(work / "out"), sample_map(work / "out" / "map-page")
    first = chart_render.write_charts([*drawn, locator], cache=work / "cache")  # few: drawn in this process
    second = chart_render.write_charts([*drawn, locator], cache=work / "cache")
    texts = (t for c in [*drawn, locator] for t in chart_render.chart_texts(c))
    return drawn, first, second, chart_font.font_directory(chart_font.characters(texts)), locator


def test_every_chart_is_rendered_once_then_copied(rendered):
    drawn, first, second, _, _ = rendered
    assert (first.rendered, first.cached) == (len(drawn) + 1, 0)
    assert (second.rendered, second.cached) == (0, len(drawn) + 1)


def test_maps_are_rendered_and_cached_with_the_charts(rendered):
    *_, locator = rendered
    for suffix in (".svg", "-narrow.svg", ".png", ".csv"):
        assert (locator.folder / f"map{suffix}").stat().st_size > 0
    assert (locator.folder / "map.svg").stat().st_size < 60_000
    assert "Gaomi Economic Development Zone" in (locator.folder / "map.csv").read_text(encoding="utf-8")



def test_no_scientific_notation_and_every_value_labelled_without_a_value_axis(rendered):
    """Each bar (or part) carries its value as printed, unit included, so no value axis, tick labels or
    gridlines repeat it; and no number is drawn in exponent notation."""
    drawn, *_ = rendered
    for chart in drawn:
        for suffix in (".svg", "-narrow.svg"):
            svg = (chart.folder / f"{chart.name}{suffix}").read_text(encoding="utf-8")
            text = svg_texts(svg)
            assert not re.search(r"\de[+-]?\d", text), f"{chart.name}{suffix}: {text}"
            assert [r.value_text for r in chart.rows if r.value_text not in text] == [], f"{chart.name}{suffix}"
            assert "role-axis" not in svg
    # The check for an axis can see one: the same chart drawn with a value axis has it.
    assert "role-axis" in _with_axis(drawn[0], "-narrow.svg")
    en = svg_texts((drawn[1].folder / "chart-1.svg").read_text(encoding="utf-8"))
    assert "130.191 billion yuan" in en  # 1.30191e11 as printed, not 1.3e+11


def _with_axis(chart: Chart, suffix: str) -> str:
    """The same chart drawn with a value axis: shows that the check for one can see one."""
    layout = chart_spec.NARROW if suffix == "-narrow.svg" else chart_spec.WIDE
    spec = chart_spec.spec(chart, layout, chart_font.CSS_FONT)
    spec["layer"][0]["encoding"]["x"]["axis"] = {}
    return vl_convert.vegalite_to_svg(spec)


def test_qualifier_target_suspect_title_and_footer_are_drawn(rendered):
    drawn, *_ = rendered
    zh = (drawn[0].folder / "chart-1.svg").read_text(encoding="utf-8")
    text = svg_texts(zh)
    assert "超过100亿元" in text and "≥ 下限" in text
    assert "目标" in text and "实际" in text
    assert "25亿元（存疑）" in text
    assert text.count("潍坊各开发区固定资产投资") == 1
    assert "山东开发区数据" in text and "CC BY" in text and "《潍坊：大干三个月" in text
    assert 'stroke-dasharray="4,2"' in zh or 'stroke-dasharray="4 2"' in zh  # the suspect bar's dashed edge
    assert "url(#gradient" in zh  # the open end of the lower bound
    en = svg_texts((drawn[1].folder / "chart-1-narrow.svg").read_text(encoding="utf-8"))
    assert "more than 12 billion yuan" in en and "(doubtful)" in en and "lower bound" in en and "CC" in en


def test_parts_chart_shows_the_unlisted_remainder(rendered):
    drawn, *_ = rendered
    text = svg_texts((drawn[2].folder / "chart-2.svg").read_text(encoding="utf-8"))
    assert "十六个开发区合计：1301.91亿元" in text
    assert "原文未列出" in text and "84.3%" in text  # (1301.91 − 114.6 − 90) / 1301.91
    assert "8.8%" in text


def test_narrow_rendering_fits_a_phone_with_text_of_11px_or_more(rendered):
    drawn, *_ = rendered
    for chart in drawn:
        svg = (chart.folder / f"{chart.name}-narrow.svg").read_text(encoding="utf-8")
        width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ', svg).group(1))
        assert width <= 480
        sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)(?:px)?"', svg)]
        sizes += [float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", svg)]
        assert sizes and min(sizes) * 343 / width >= 11, (chart.name, width, min(sizes))


def test_png_is_the_wide_chart_at_twice_the_size(rendered):
    drawn, *_ = rendered
    for chart in drawn:
        png = (chart.folder / f"{chart.name}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        svg = (chart.folder / f"{chart.name}.svg").read_text(encoding="utf-8")
        svg_width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
        assert 500 <= svg_width <= 700
        assert int.from_bytes(png[16:20], "big") == round(svg_width * 2)


def test_csv_keeps_qualifier_status_and_flag(rendered):
    drawn, *_ = rendered
    for suffix, encoding in ((".csv", "utf-8"), (".utf8-bom.csv", "utf-8-sig")):
        raw = (drawn[0].folder / f"chart-1{suffix}").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
        rows = list(csv.DictReader(raw.decode(encoding).splitlines()))
        assert list(rows[0]) == chart_render.CSV_FIELDS
        by_label = {r["label"]: r for r in rows}
        assert by_label["潍坊滨海经济技术开发区"]["qualifier"] == "more_than"
        assert by_label["潍坊滨海经济技术开发区"]["value"] == "10000000000"
        assert by_label["高密经济开发区"]["unit_axis_value"] == "114.6"
        assert by_label["寿光经济开发区"]["status"] == "target"
        assert by_label["昌邑经济开发区"]["flag"] == "suspect" and by_label["高密经济开发区"]["flag"] == ""
    parts = list(csv.DictReader((drawn[2].folder / "chart-2.csv").read_text(encoding="utf-8").splitlines()))
    assert [r["label"] for r in parts] == ["高密经济开发区", "诸城经济开发区", "十六个开发区合计", "原文未列出"]
    assert parts[-1]["value"] == "109731000000"


def test_subset_font_has_every_character_and_its_own_family(rendered):
    drawn, _, _, fonts, _ = rendered
    font = TTFont(str(fonts / "ZonesCJK.otf"))
    cmap = font.getBestCmap()
    needed = {c for chart in drawn for text in chart_render.chart_texts(chart) for c in text}
    assert not [c for c in needed if ord(c) not in cmap]
    # Every character drawn, the ones the spec adds (ellipsis, share, spacing) included: a character
    # missing from the subset would be drawn from another font, searched for in every font file.
    for chart in drawn:
        for suffix in (".svg", "-narrow.svg"):
            svg = (chart.folder / f"{chart.name}{suffix}").read_text(encoding="utf-8")
            drawn_text = html.unescape("".join(re.findall(r">([^<>]*)<", svg)))
            assert not [c for c in set(drawn_text) - {"\n"} if ord(c) not in cmap], f"{chart.name}{suffix}"
    assert font["name"].getDebugName(1) == "ZonesCJK"
    svg = (drawn[0].folder / "chart-1.svg").read_text(encoding="utf-8")
    assert "ZonesCJK, Noto Sans CJK SC, sans-serif" in svg.replace("&quot;", "")


def test_altair_built_specs_are_valid_vega_lite(tmp_path):
    """Each sample chart, wide and narrow, built with alt.Chart layers, validates against Vega-Lite's schema,
    and the validated spec is the one the renderer gets (which is built without validation)."""
    for chart in sample(tmp_path):
        for layout in (chart_spec.WIDE, chart_spec.NARROW):
            built = chart_spec.altair_chart(chart, layout, chart_font.CSS_FONT)
            assert isinstance(built, alt.LayerChart) and all(isinstance(view, alt.Chart) for view in built.layer)
            assert built.to_dict(validate=True) == chart_spec.spec(chart, layout, chart_font.CSS_FONT)
    built.padding = "wide"  # the validation is real: a spec Vega-Lite does not allow is refused
    with pytest.raises(jsonschema.ValidationError, match="padding"):
        built.to_dict(validate=True)


def test_axis_scale_uses_the_units_readers_know():
    assert chart_render.axis_scale("CNY", [1.30191e11, 1e9], "zh") == (1e8, "亿元")
    assert chart_render.axis_scale("CNY", [5e5], "en") == (1e4, "10,000 yuan")
    assert chart_render.axis_scale("m2", [3.2e6], "zh") == (1e4, "万平方米")
    assert chart_render.axis_scale("count", [65, 2], "zh") == (1, "个")
    with pytest.raises(ValueError, match="'furlongs'"):
        chart_render.axis_scale("furlongs", [1], "zh")


def test_bad_chart_is_refused_naming_chart_row_and_field(tmp_path):
    bad = Chart(tmp_path, "chart-9", "zh", "标题", 1e8, (row("甲", 1e8, "1亿元", qualifier="roughly"),),
                FOOTER_ZH, LEGEND_ZH)
    with pytest.raises(ValueError, match=r"chart-9.*row 1 \('甲'\): qualifier 'roughly'"):
        chart_render.write_charts([bad], cache=tmp_path / "cache")


def test_stub_rendering_draws_nothing_and_writes_every_file(tmp_path, monkeypatch):
    """CHART_RENDER=stub (make bench at 100×): blank images, real CSVs, no renderer started."""
    from benchmarks import chart_bench
    monkeypatch.setenv("CHART_RENDER", "stub")
    monkeypatch.setattr(chart_render, "render", lambda *args: pytest.fail("a stubbed chart was rendered"))
    sample = chart_bench.sample_charts(3, tmp_path)
    stats = chart_render.write_charts(sample, cache=tmp_path / "cache")
    assert stats.rendered == 0
    for chart in sample:
        assert (chart.folder / f"{chart.name}.png").read_bytes().startswith(b"\x89PNG")
        assert (chart.folder / f"{chart.name}.csv").read_text(encoding="utf-8").count("\n") == len(chart.rows) + 1 \
            or chart.kind == "parts"


def test_gradient_ids_are_numbered_within_each_file():
    """Two builds draw the same chart byte for byte, whichever charts a worker drew before it."""
    from charts import worker as chart_worker
    first = '<path fill="url(#gradient_31)"/><path fill="url(#gradient_32)"/><linearGradient id="gradient_31"/><linearGradient id="gradient_32"/>'
    second = first.replace("gradient_31", "gradient_7").replace("gradient_32", "gradient_8")
    assert chart_worker.numbered_within(first) == chart_worker.numbered_within(second)
    assert chart_worker.numbered_within(first).count("gradient_1") == 2 and "gradient_31" not in chart_worker.numbered_within(first)


def drawn_words(svg: str) -> str:
    """The text an SVG draws, its wrapped lines (tspans) joined by spaces."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)))))


def test_long_labels_wrap_whole_and_are_never_cut(tmp_path):
    """Labels longer than their room (bars, the parts list, the legend) wrap onto lines: every word is
    drawn and no text is cut with "…"."""
    long = "Weifang Binhai Economic and Technological Development Zone · Industries with an output of more than 5 billion yuan"
    legend = dict(LEGEND_EN, qualified="≥ lower bound (the text says \"more than\", \"over\", \"at least\" or another word for a floor)" * 2)
    ranking = Chart(tmp_path, "chart-1", "en", "Output", 1e8, (
        row(long, 1.3e11, "130 billion yuan", number=1), row("Gaomi", 1.2e10, "more than 12 billion yuan", "more_than", number=2),
        row(long.replace("5 billion", "10 billion"), 3e9, "3 billion yuan", status="target", number=3)), FOOTER_EN, legend)
    parts = Chart(tmp_path, "chart-2", "zh", "十六个开发区", 1e8, (
        row("潍坊滨海经济技术开发区新材料、高端装备制造、生物医药和现代物流等产业的总产值" * 2, 1.146e10, "114.6亿元", number=4),),
        FOOTER_ZH, LEGEND_ZH, kind="parts", total=row("十六个开发区合计" * 6, 1.30191e11, "1301.91亿元", number=5))
    for chart in (ranking, parts):
        for layout in (chart_spec.WIDE, chart_spec.NARROW):
            text = drawn_words(vl_convert.vegalite_to_svg(chart_spec.spec(chart, layout, chart_font.CSS_FONT)))
            assert "…" not in text, (chart.name, layout.name, text)
            for r in chart.rows:
                assert all(word in text for word in r.label.split()) if chart.lang == "en" else \
                    r.label[:20] in text.replace(" ", ""), (layout.name, r.label, text)
            if chart.lang == "en":
                assert "another word for a floor" in text and "10 billion yuan" in text
    # The check sees a cut label.
    assert "…" in drawn_words('<svg><text>Weifang Binhai…5 billion yuan</text></svg>')
