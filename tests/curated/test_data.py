"""Data tests of the curated package: schema, provenance and consistency, row by row."""
import json

import pytest

from curated import paths
from curated import validation
from curated.datapackage_schema import load_package
from curated.provenance import number_in_quote, quote_in_source

pytestmark = pytest.mark.data
PACKAGE = paths.PACKAGES / "shandong-zones"
TABLES = load_package().all_tables()


def table(name: str) -> list[dict]:
    """The whole table: every source's file joined, sorted by id."""
    return TABLES[name].rows()


SOURCES = {s["id"]: (paths.SEEDS / s["file"]).read_text(encoding="utf-8") for s in table("sources")}


def test_package_passes_frictionless_and_project_checks():
    """`make validate` in this process: a problem is named as it names it (file, row, field)."""
    problems, rows = validation.validate()
    assert problems == [], "\n".join(f"error: {problem}" for problem in problems)
    assert rows > 0


def test_every_source_file_is_described_once():
    files = sorted(p.name for p in paths.SEEDS.glob("*.txt"))
    assert sorted(s["file"] for s in table("sources")) == files


@pytest.mark.parametrize("name", ["observations", "policies", "industries", "organizations", "tasks"])
def test_every_quote_is_an_excerpt_of_its_source(name):
    missing = [row["id"] for row in table(name) if not quote_in_source(row["quote"], SOURCES[row["source_id"]])]
    assert missing == []


def test_every_reported_number_is_in_its_quote():
    assert [o["id"] for o in table("observations") if not number_in_quote(o["value_reported"], o["quote"])] == []


def test_every_source_has_figures():
    counts = {s: 0 for s in SOURCES}
    for o in table("observations"):
        counts[o["source_id"]] += 1
    assert all(count > 0 for count in counts.values()), counts


def test_observation_ids_follow_reading_order():
    """Ids are numbered in the order the figures appear in their source."""
    from curated.provenance import strip_whitespace
    texts = {k: strip_whitespace(v) for k, v in SOURCES.items()}
    by_source = {}
    for o in table("observations"):
        by_source.setdefault(o["source_id"], []).append(o)
    for source_id, rows in by_source.items():
        rows.sort(key=lambda o: o["id"])
        # Reading order of the number itself: two figures of one sentence share its start.
        positions = [texts[source_id].find(strip_whitespace(o["quote"]))
                     + max(strip_whitespace(o["quote"]).find(strip_whitespace(o["value_reported"])), 0) for o in rows]
        assert positions == sorted(positions), source_id
        assert [o["id"] for o in rows] == [f"{source_id}-{n:04d}" for n in range(1, len(rows) + 1)]


def test_targets_are_never_presented_as_results():
    """A sentence with 力争 states a goal: its figure must be a target."""
    wrong = [o["id"] for o in table("observations") if "力争" in o["quote"] and o["status"] != "target"]
    assert wrong == []


def test_relative_dates_are_marked_inferred():
    relative = ("今年", "去年", "上半年", "目前")
    wrong = [o["id"] for o in table("observations")
             if any(word in o["quote"] for word in relative) and o["period_inferred"] != "true"]
    assert wrong == []


def test_zone_group_statement_is_about_the_group_not_the_city():
    first_half = [o for o in table("observations") if "全市16家省级以上开发区" in o["quote"]]
    assert first_half and all(o["entity_id"] == "weifang-zones" for o in first_half)


def test_first_half_2016_slice_is_complete():
    """The figures issue 2 names: level, growth and share of FAI, revenue, foreign investment and trade."""
    rows = [o for o in table("observations") if o["source_id"] == "weifang-zones-2016"
            and o["entity_id"] == "weifang-zones" and o["period_label_zh"] == "2016年上半年"]
    have = {(o["indicator_id"], o["measure"]) for o in rows}
    for indicator in ("fixed_asset_investment", "general_public_budget_revenue", "foreign_investment_actually_used"):
        for measure in ("amount", "yoy_change_pct", "share_pct"):
            assert (indicator, measure) in have, (indicator, measure)
    fai = next(o for o in rows if o["indicator_id"] == "fixed_asset_investment" and o["measure"] == "amount")
    assert float(fai["value"]) == 130191000000 and fai["unit"] == "CNY" and fai["period_start"] == "2016-01-01"


def test_sixteen_zones_of_weifang():
    zones = [e for e in table("entities") if e["kind"] == "zone" and e["parent_id"] != "zibo"]
    weifang = {e["id"] for e in table("entities")}
    parents = {e["id"]: e["parent_id"] for e in table("entities")}

    def city(entity_id):
        while entity_id and entity_id not in ("weifang", "zibo"):
            entity_id = parents.get(entity_id)
        return entity_id
    assert len([z for z in zones if city(z["id"]) == "weifang"]) == 16
    assert "weifang-zones" in weifang


def test_suspect_figures_say_why():
    assert all(o["note_zh"] and o["note_en"] for o in table("observations") if o["flag"] == "suspect")


def test_implausible_trade_total_of_2021_is_flagged():
    trade = [o for o in table("observations") if o["source_id"] == "weifang-economic-zone-2021"
             and o["indicator_id"] == "imports_and_exports" and o["measure"] == "amount"]
    assert trade and all(o["flag"] == "suspect" for o in trade)


def test_shares_are_of_a_stated_whole():
    assert all(o["share_of_zh"] and o["share_of_en"] for o in table("observations") if o["measure"] == "share_pct")


def test_ranges_give_both_bounds():
    """A range (2000万—5000万) is two rows, at_least and at_most, noted as a range."""
    ranged = [o for o in table("observations") if o["curation_note"].startswith("range") or "range " in o["curation_note"]]
    bounds = {}
    for o in ranged:
        bounds.setdefault((o["source_id"], o["entity_id"], o["indicator_id"], o["quote"]), set()).add(o["qualifier"])
    assert bounds and all({"at_least", "at_most"} <= q for q in bounds.values()), bounds


def test_descriptor_declares_contract_tables_and_fields():
    descriptor = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in descriptor["resources"]}
    contract = {
        "sources": ["id", "file", "sha256", "title_zh", "title_en", "publisher_zh", "published", "published_inferred", "note_zh", "note_en", "curation_note"],
        "entities": ["id", "kind", "name_zh", "name_en", "aliases_zh", "parent_id", "note_zh", "note_en", "curation_note"],
        "indicators": ["id", "name_zh", "name_en", "category", "unit", "description_zh", "description_en"],
        "units": ["id", "name_zh", "name_en"],
        "observations": ["id", "source_id", "entity_id", "indicator_id", "measure", "status", "period_start",
                         "period_end", "period_label_zh", "period_inferred", "value", "unit", "value_reported",
                         "unit_reported", "qualifier", "quote", "quote_en", "figure_kind", "share_of_zh", "share_of_en", "flag", "note_zh", "note_en",
                         "curation_note"],
    }
    for name, required in contract.items():
        assert set(required) <= set(fields[name]), name
    assert {"policies", "industries", "organizations"} <= set(fields)


# What tells two figures apart: two rows alike in all of these state the same fact. The qualifier is
# part of it, so the two bounds of a printed range (2-3家: at least 2, at most 3) are two facts.
DISTINGUISHING_FIELDS = ("source_id", "entity_id", "indicator_id", "industry_id", "subject_zh", "measure",
                         "status", "period_start", "period_end", "unit", "qualifier")
RESTATED_IN_ZONE_SECTIONS = {  # weifang-zones-2016: the Shouguang, Gaomi and Zhucheng sections repeat the main report
    "0090": "0042", "0091": "0043", "0094": "0044", "0095": "0045", "0096": "0046", "0097": "0047",
    "0116": "0064", "0117": "0065", "0134": "0061"}


def test_every_figure_is_told_apart_by_its_fields_unless_it_restates_another():
    """Rows that differ only in their notes (四大传统产业 / 四大新兴产业) must say what they count in subject_zh."""
    groups = {}
    for o in table("observations"):
        if not o["restates"]:
            groups.setdefault(tuple(o[f] for f in DISTINGUISHING_FIELDS), []).append(o["id"])
    assert [ids for ids in groups.values() if len(ids) > 1] == []
    restating = [o for o in table("observations") if o["restates"]]
    originals = {o["id"]: o for o in table("observations")}
    assert all(tuple(o[f] for f in DISTINGUISHING_FIELDS) == tuple(originals[o["restates"]][f] for f in DISTINGUISHING_FIELDS)
               for o in restating), "a restatement is told apart from the figure it repeats only by its restates"


def test_subjects_name_what_is_counted_in_both_languages():
    rows = table("observations")
    assert all(bool(o["subject_zh"]) == bool(o["subject_en"]) for o in rows)
    subject = {o["id"]: o["subject_zh"] for o in rows}
    assert subject["shouguang-new-drivers-2018-0011"] == "传统产业"
    assert subject["shouguang-new-drivers-2018-0017"] == "新兴产业"
    assert [subject[f"weifang-zones-2016-{n}"] for n in ("0019", "0020", "0021")] == ["国家级特色园区", "省级园区", "市县级园区"]


def test_a_restatement_names_an_earlier_figure_of_its_source_with_the_same_value():
    rows = {o["id"]: o for o in table("observations")}
    restating = {o["id"]: o["restates"] for o in rows.values() if o["restates"]}
    prefix = "weifang-zones-2016-"
    assert restating == {prefix + later: prefix + first for later, first in RESTATED_IN_ZONE_SECTIONS.items()}
    for later, first in restating.items():
        a, b = rows[first], rows[later]
        assert first < later and a["source_id"] == b["source_id"] and not a["restates"], later
        assert (float(a["value"]), a["unit"], a["entity_id"]) == (float(b["value"]), b["unit"], b["entity_id"]), later


def test_validation_names_file_row_and_field_of_a_restatement_that_differs():
    checker = validation.Checker(load_package(), paths.SEEDS)
    observations = checker.tables["observations"]
    index = next(i for i, o in enumerate(observations) if o["id"] == "weifang-zones-2016-0117")
    observations[index]["value"] = "5"
    observations[index]["entity_id"] = "weifang-zones"
    checker.check_restatements()
    path, row = checker.where["observations"][index]
    assert row == 118 and path.parent.name == "weifang-zones-2016"  # the header is row 1
    assert [(p.file, p.row, p.field) for p in checker.problems] == [
        (paths.display(path), 118, "entity_id"), (paths.display(path), 118, "value")]
    assert "weifang-zones-2016-0065" in checker.problems[1].message


def test_validation_refuses_a_restatement_of_a_restatement():
    checker = validation.Checker(load_package(), paths.SEEDS)
    observations = checker.tables["observations"]
    index = next(i for i, o in enumerate(observations) if o["id"] == "weifang-zones-2016-0116")
    observations[index]["restates"] = "weifang-zones-2016-0117"
    checker.check_restatements()
    assert [(p.row, p.field) for p in checker.problems] == [(117, "restates")]


def test_every_indicator_has_figures():
    """An indicator no figure uses is dropped, not left to give an empty page or a dead entry."""
    used = {o["indicator_id"] for o in table("observations")}
    assert [i["id"] for i in table("indicators") if i["id"] not in used] == []


def test_indicator_descriptions_speak_to_readers():
    """Descriptions are shown on the indicator pages: no field or table names, no English in the Chinese."""
    import re
    jargon = re.compile(r"\b(note|quote|row|[a-z]+_id|[a-z]+\.id|curat\w*)\b", re.IGNORECASE)
    assert [i["id"] for i in table("indicators") if jargon.search(i["description_zh"] + " " + i["description_en"])] == []
    assert [i["id"] for i in table("indicators") if re.search(r"[A-Za-z]{4,}", i["description_zh"])] == []


def test_every_figure_has_an_english_period_and_no_english_name_claims_to_be_official_without_saying_so():
    """period_label_en is filled wherever period_label_zh is; an English name marked official is not
    one whose public note calls it a translation made here."""
    for o in table("observations"):
        assert o["period_label_en"] and not any("\u4e00" <= ch <= "\u9fff" for ch in o["period_label_en"]), o["id"]
    for e in table("entities"):
        made_here = any(word in (e["note_en"] or "") for word in ("our translation", "our transliteration"))
        assert not (str(e["name_en_official"]).lower() == "true" and made_here), e["id"]


def test_qualifiers_mean_what_the_chinese_says():
    """"N以上" is inclusive (at_least, as Chinese legal usage defines it); 超过/突破/逾/过 before N are more_than."""
    wrong = []
    for o in table("observations"):
        printed = o["value_reported"] + o["unit_reported"]
        at = o["quote"].find(printed)
        if at < 0:
            continue
        after, before = o["quote"][at + len(printed):at + len(printed) + 2], o["quote"][max(0, at - 2):at]
        if after == "以上" and o["qualifier"] != "at_least":
            wrong.append((o["id"], printed + after, o["qualifier"]))
        if before[-2:] in ("超过", "突破") or before[-1:] in ("逾",):
            if o["qualifier"] != "more_than" and after != "以上":
                wrong.append((o["id"], before + printed, o["qualifier"]))
    assert not wrong, wrong
