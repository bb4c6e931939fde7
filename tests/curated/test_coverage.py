"""The coverage gate: every number of a source is curated or excluded, and deleting a figure is caught."""
from __future__ import annotations

import csv
import functools
import shutil
from collections import Counter

import pytest

from curated import coverage
from curated import paths
from curated import validation
from curated.datapackage_schema import load_package



SEED = "seed.txt"


def figure(quote: str, value: str, unit: str = "", figure_id: str = "s-0001") -> dict[str, str]:
    return {"id": figure_id, "quote": quote, "value_reported": value, "unit_reported": unit}


def numbers(text: str) -> list[tuple[int, str]]:
    return [(o.line, o.number) for o in coverage.find_numbers(text)]


@pytest.mark.unit
def test_numbers_a_reader_sees_as_figures_are_found():
    text = "完成投资1301.91亿元,增长9.6%\n设置了5-7个机构,3,200人\n三个转变、四大产业、十大工程、6项、一批项目\n统一思想,一是"
    assert numbers(text) == [(1, "1301.91"), (1, "9.6"), (2, "5"), (2, "7"), (2, "3,200"),
                             (3, "三"), (3, "四"), (3, "十"), (3, "6"), (3, "一")]


@pytest.mark.unit
def test_numbers_are_not_joined_across_lines_and_big_units_stay_with_the_numeral():
    assert numbers("共12\n34个\n三万亩,百亿级") == [(1, "12"), (2, "34"), (3, "三万"), (3, "百")]
    assert numbers("百余个项目、近万名工人、万亩园区、万人计划、亿元") == [(1, "百"), (1, "万"), (1, "万"), (1, "万")]


@pytest.mark.unit
def test_a_figure_covers_its_number_only_where_the_number_starts_and_ends():
    text = "全市16家开发区,其中6家,160个项目"
    assert [o.number for o in coverage.uncovered_numbers(text, [figure("全市16家开发区", "16")])] == ["6", "160"]
    assert [o.number for o in coverage.uncovered_numbers(text, [figure("其中6家,160个项目", "6")])] == ["16", "160"]
    assert coverage.uncovered_numbers(text, [figure("全市16家开发区,其中6家", "16"), figure("其中6家", "6"),
                                             figure("160个项目", "160")]) == []


@pytest.mark.unit
def test_a_number_twice_in_a_quote_is_covered_where_its_unit_follows():
    text = "实现一枚印章管审批、一支队伍管执法"
    assert [o.number for o in coverage.uncovered_numbers(text, [figure(text, "一", "枚")])] == ["一"]
    assert coverage.uncovered_numbers(text, [figure(text, "一", "枚"), figure(text, "一", "支")]) == []


@pytest.mark.unit
def test_a_quote_is_matched_across_line_breaks_and_at_each_repetition():
    text = "投资\n1000万元。\n段落重复:投资1000万元。"
    assert coverage.uncovered_numbers(text, [figure("投资1000万元", "1000万")]) == []


@pytest.mark.unit
def test_each_exclusion_row_excludes_one_occurrence():
    text = "2016年,新增16家;2016年底"
    one = [("x/exclusions.csv", 2, {"line": "1", "number": "2016", "reason": "date", "restates": "", "note": "n"})]
    problems = coverage.check_source(SEED, text, [figure("新增16家", "16")], one)
    assert [str(p) for p in problems] == [f"{SEED}: line 1: number '2016' is neither curated nor excluded"]
    three = one + [("x/exclusions.csv", 3, dict(one[0][2])), ("x/exclusions.csv", 4, dict(one[0][2]))]
    problems = coverage.check_source(SEED, text, [figure("新增16家", "16")], three)
    assert [str(p) for p in problems] == [
        f"x/exclusions.csv: row 4, field number: line 1 of {SEED} has no uncovered number '2016' left to exclude "
        "(curated, changed or already excluded): remove this row"]


@pytest.mark.unit
def test_a_curated_number_cannot_also_be_excluded():
    exclusion = [("x/exclusions.csv", 2, {"line": "1", "number": "16", "reason": "other", "restates": "", "note": "n"})]
    problems = coverage.check_source(SEED, "新增16家", [figure("新增16家", "16")], exclusion)
    assert [p.field for p in problems] == ["number"]


# 零 before a verb (零增长, 零跑腿) is a curated target the scanner does not see as a number.
NOT_SCANNED = {"shouguang-new-drivers-2018-0052", "shouguang-new-drivers-2018-0058"}


@pytest.mark.data
def test_every_figure_is_what_covers_its_number():
    """Deleting any single figure leaves its number uncovered, unless another figure with the same
    number covers it at the same place (a fact the text states twice, curated at both places)."""
    package = load_package()
    sources = {row["id"]: (paths.SEEDS / row["file"]).read_text(encoding="utf-8") for row in package.tables["sources"].rows()}
    observations = package.tables["observations"].rows()
    not_load_bearing = []
    # A text's numbers, what no figure covers, and how many figures cover each place: the same whichever
    # figure is deleted, so found once. Without a figure, a place stays covered if another figure covers it.
    found = {source: coverage.find_numbers(text) for source, text in sources.items()}
    own = {o["id"]: coverage.covered_places(sources[o["source_id"]], [o], found[o["source_id"]]) for o in observations}
    covering = {source: Counter() for source in sources}
    for o in observations:
        covering[o["source_id"]].update(own[o["id"]])
    uncovered = {source: set(coverage.uncovered_numbers(text, [o for o in observations if o["source_id"] == source],
                                                        found[source]))
                 for source, text in sources.items()}
    for deleted in observations:
        text, numbers = sources[deleted["source_id"]], found[deleted["source_id"]]
        before, count, places = uncovered[deleted["source_id"]], covering[deleted["source_id"]], own[deleted["id"]]
        # Deleted, a figure uncovers a place that no other figure covers.
        newly = [o for o in numbers if o not in before and not all(count[p] > (p in places) for p in range(o.start, o.end))]
        if any(o.number in deleted["value_reported"] for o in newly) or deleted["id"] in NOT_SCANNED:
            continue
        same_number = [o for o in observations if o["source_id"] == deleted["source_id"] and o["id"] != deleted["id"]
                       and o["value_reported"] == deleted["value_reported"]]
        if not places or not places <= coverage.covered_places(text, same_number, numbers):
            not_load_bearing.append(deleted["id"])
    assert not_load_bearing == []


def delete_figures(tmp_path, figure_ids: set[str]):
    packages = tmp_path / "packages"
    shutil.copytree(paths.PACKAGES / "shandong-zones", packages / "shandong-zones")
    for path in (packages / "shandong-zones").glob("sources/*/observations.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields, rows = reader.fieldnames, list(reader)
        for row in rows:  # a restatement of a deleted figure no longer names it
            row["restates"] = "" if row["restates"] in figure_ids else row["restates"]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(row for row in rows if row["id"] not in figure_ids)
    return packages


DELETIONS = [
    ("weifang-zones-2016-0004", 13, "三"),          # 三个转变, restated in the headline
    ("weifang-zones-2016-0042", 21, "8"),           # 8个百亿级产业集群
    ("weifang-campaign-2019-0041", 70, "94.46"),    # 小麦94.46万吨, restated in a headline
    ("weifang-economic-zone-2021-0009", 11, "一"),  # 一枚印章
    ("shouguang-new-drivers-2018-0008", 10, "六"),  # 六大园区, restated on line 46
    ("zibo-zone-reform-2019-0006", 16, "5"),        # 5-7个内设机构
]


@functools.cache
def source_rows() -> tuple[dict[str, str], ...]:
    return tuple(load_package().tables["sources"].rows())


def source_of(figure_id: str) -> dict[str, str]:
    return next(s for s in source_rows() if figure_id.startswith(s["id"] + "-"))


def deleted_together(figure_id: str) -> frozenset[str]:
    """The case's figure and one case figure of each other source, deleted from one copy: coverage checks
    each source's text against that source's figures alone, so one deletion neither hides nor causes
    another's message. Figures of the same source are deleted apart."""
    rank = lambda f: [g for g, _, _ in DELETIONS if source_of(g) == source_of(f)].index(f)
    return frozenset(g for g, _, _ in DELETIONS if rank(g) == rank(figure_id))


@pytest.fixture(scope="module")
def problems_without(tmp_path_factory):
    """Per set of figures, the problems validation finds in a copy without them (each set validated once)."""
    found = {}

    def validate_without(figure_ids: frozenset[str]) -> list[str]:
        if figure_ids not in found:
            problems, _ = validation.validate(delete_figures(tmp_path_factory.mktemp("deleted"), figure_ids))
            found[figure_ids] = [str(p) for p in problems]
        return found[figure_ids]
    return validate_without


@pytest.mark.data
@pytest.mark.parametrize("figure_id, line, number", DELETIONS)
def test_deleting_a_curated_figure_fails_validation_naming_its_number(problems_without, figure_id, line, number):
    problems = problems_without(deleted_together(figure_id))
    wanted = f"{paths.display(paths.SEEDS / source_of(figure_id)['file'])}: line {line}: number '{number}' is neither curated nor excluded"
    assert wanted in problems, problems
