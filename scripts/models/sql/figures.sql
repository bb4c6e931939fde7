-- Every observation with the names and labels a reader needs beside it: one row per figure, in source reading order.
-- key: observation_id
-- reads: observations, sources, entities, entity_lineage, indicators, units, industries, labels
CREATE OR REPLACE TABLE figures AS
SELECT
    o.id AS observation_id,
    o.source_id,
    s.title_zh AS source_title_zh,
    s.title_en AS source_title_en,
    s.published AS source_published,
    s.published_inferred AS source_published_inferred,
    s.publisher_zh AS source_publisher_zh,
    s.publisher_en AS source_publisher_en,
    s.publisher_inferred AS source_publisher_inferred,
    s.publication_zh AS source_publication_zh,
    s.publication_en AS source_publication_en,
    o.entity_id,
    e.name_zh AS entity_name_zh,
    e.name_en AS entity_name_en,
    e.kind AS entity_kind,
    l.zone_id,
    l.city_id,
    o.indicator_id,
    i.name_zh AS indicator_name_zh,
    i.name_en AS indicator_name_en,
    i.category,
    o.measure,
    o.status,
    o.period_start,
    o.period_end,
    -- What makes figures comparable (the charts' and the zones page's rule), spelled once.
    concat_ws('|', o.indicator_id, o.measure, o.unit, o.status, o.period_start, o.period_end) AS comparable_key,
    o.period_label_zh,
    o.period_label_en,
    o.period_inferred,
    o.value,
    o.unit,
    u.name_zh AS unit_name_zh,
    u.name_en AS unit_name_en,
    o.value_reported,
    o.unit_reported,
    o.qualifier,
    -- An exact figure and a plain amount carry no word before or after the number.
    CASE WHEN o.qualifier = 'exact' THEN '' ELSE lq.zh END AS qualifier_zh,
    CASE WHEN o.qualifier = 'exact' THEN '' ELSE lq.en END AS qualifier_en,
    CASE WHEN o.measure = 'amount' THEN '' ELSE lm.zh END AS measure_zh,
    CASE WHEN o.measure = 'amount' THEN '' ELSE lm.en END AS measure_en,
    ls.zh AS status_zh,
    ls.en AS status_en,
    lc.zh AS category_zh,
    lc.en AS category_en,
    o.quote,
    o.quote_en,
    o.figure_kind,
    o.share_of_zh,
    o.share_of_en,
    o.part_of,
    o.industry_id,
    ind.name_zh AS industry_name_zh,
    ind.name_en AS industry_name_en,
    o.subject_zh,
    o.subject_en,
    o.restates,
    o.flag,
    o.note_zh,
    o.note_en,
    o.curation_note
FROM observations o
JOIN sources s ON s.id = o.source_id
JOIN entities e ON e.id = o.entity_id
JOIN entity_lineage l ON l.entity_id = o.entity_id
JOIN indicators i ON i.id = o.indicator_id
JOIN units u ON u.id = o.unit
LEFT JOIN industries ind ON ind.id = o.industry_id
JOIN labels lq ON lq.field = 'observations.qualifier' AND lq.value = o.qualifier
JOIN labels lm ON lm.field = 'observations.measure' AND lm.value = o.measure
JOIN labels ls ON ls.field = 'observations.status' AND ls.value = o.status
JOIN labels lc ON lc.field = 'indicators.category' AND lc.value = i.category
ORDER BY o.id;

COMMENT ON TABLE figures IS 'Every curated figure with the names of its source, entity, zone, indicator and unit.';
COMMENT ON COLUMN figures.observation_id IS 'Id of the observation (stable; also the anchor of the figure on the site)';
COMMENT ON COLUMN figures.source_id IS 'Source document id';
COMMENT ON COLUMN figures.source_title_zh IS 'Headline of the source document';
COMMENT ON COLUMN figures.source_title_en IS 'English title of the source document';
COMMENT ON COLUMN figures.source_published IS 'Publication date of the source';
COMMENT ON COLUMN figures.source_published_inferred IS 'True when the source does not print its date and it was inferred from the text';
COMMENT ON COLUMN figures.source_publisher_zh IS 'Publisher of the source, in Chinese (empty when unknown)';
COMMENT ON COLUMN figures.source_publisher_en IS 'Publisher of the source, in English (empty when unknown)';
COMMENT ON COLUMN figures.source_publisher_inferred IS 'True when the source does not print its publisher and it was inferred';
COMMENT ON COLUMN figures.source_publication_zh IS 'Where the source appeared (a website and its column, a newspaper and its page), in Chinese, when the text says so';
COMMENT ON COLUMN figures.source_publication_en IS 'Where the source appeared, in English';
COMMENT ON COLUMN figures.entity_id IS 'What the figure is about';
COMMENT ON COLUMN figures.entity_name_zh IS 'Chinese name of the entity';
COMMENT ON COLUMN figures.entity_name_en IS 'English name of the entity';
COMMENT ON COLUMN figures.entity_kind IS 'Kind of entity (zone, park, project …)';
COMMENT ON COLUMN figures.zone_id IS 'The development zone the entity lies in, if any';
COMMENT ON COLUMN figures.city_id IS 'The city the entity lies in, if any';
COMMENT ON COLUMN figures.indicator_id IS 'What is measured';
COMMENT ON COLUMN figures.indicator_name_zh IS 'Chinese name of the indicator';
COMMENT ON COLUMN figures.indicator_name_en IS 'English name of the indicator';
COMMENT ON COLUMN figures.category IS 'Topic group of the indicator';
COMMENT ON COLUMN figures.measure IS 'amount, yoy_change_pct, share_pct or avg_annual_growth_pct';
COMMENT ON COLUMN figures.status IS 'actual or target';
COMMENT ON COLUMN figures.period_start IS 'Start of the period covered';
COMMENT ON COLUMN figures.period_end IS 'End of the period covered (the target date for a target)';
COMMENT ON COLUMN figures.comparable_key IS 'Indicator, measure, unit, status and period: figures with the same key may be compared';
COMMENT ON COLUMN figures.period_label_zh IS 'The period as the text says it, made absolute';
COMMENT ON COLUMN figures.period_label_en IS 'The same period in English';
COMMENT ON COLUMN figures.period_inferred IS 'True when the year or date comes from the document date';
COMMENT ON COLUMN figures.value IS 'Value in the canonical unit';
COMMENT ON COLUMN figures.unit IS 'Canonical unit id';
COMMENT ON COLUMN figures.unit_name_zh IS 'Chinese name of the canonical unit';
COMMENT ON COLUMN figures.unit_name_en IS 'English name of the canonical unit';
COMMENT ON COLUMN figures.value_reported IS 'The number exactly as written in the source';
COMMENT ON COLUMN figures.unit_reported IS 'The unit exactly as written in the source';
COMMENT ON COLUMN figures.qualifier IS 'exact, approximately, nearly, more_than, at_least or at_most';
COMMENT ON COLUMN figures.qualifier_zh IS 'Chinese label of the qualifier (labels.csv); empty when exact';
COMMENT ON COLUMN figures.qualifier_en IS 'English label of the qualifier; empty when exact';
COMMENT ON COLUMN figures.measure_zh IS 'Chinese label of the measure (labels.csv); empty for an amount';
COMMENT ON COLUMN figures.measure_en IS 'English label of the measure; empty for an amount';
COMMENT ON COLUMN figures.status_zh IS 'actual or target, in Chinese';
COMMENT ON COLUMN figures.status_en IS 'actual or target, in English';
COMMENT ON COLUMN figures.category_zh IS 'Topic group of the indicator, in Chinese';
COMMENT ON COLUMN figures.category_en IS 'Topic group of the indicator, in English';
COMMENT ON COLUMN figures.quote IS 'The sentence of the source that states the figure, copied exactly';
COMMENT ON COLUMN figures.figure_kind IS 'quantity (an amount or a count measured), size_class (a size that defines a group: 百亿级) or formula (a numbered slogan: 四化)';
COMMENT ON COLUMN figures.share_of_zh IS 'For a share: the whole it is a share of (Chinese)';
COMMENT ON COLUMN figures.share_of_en IS 'The same in English';
COMMENT ON COLUMN figures.part_of IS 'For a component of a stated total: the total''s observation id';
COMMENT ON COLUMN figures.industry_id IS 'The industry the figure is about, if any';
COMMENT ON COLUMN figures.industry_name_zh IS 'Chinese name of that industry';
COMMENT ON COLUMN figures.industry_name_en IS 'English name of that industry';
COMMENT ON COLUMN figures.subject_zh IS 'What exactly is counted, when indicator, entity and industry do not say it (Chinese)';
COMMENT ON COLUMN figures.subject_en IS 'The same in English';
COMMENT ON COLUMN figures.restates IS 'The figure this one restates (the same fact stated again in the source), if any';
COMMENT ON COLUMN figures.flag IS 'suspect when implausible or inconsistent as printed';
COMMENT ON COLUMN figures.quote_en IS 'Unofficial English translation of the quote';
COMMENT ON COLUMN figures.note_zh IS 'Public note for readers, in Chinese';
COMMENT ON COLUMN figures.note_en IS 'Public note for readers, in English';
COMMENT ON COLUMN figures.curation_note IS 'Curators'' reasoning, for maintainers (not shown on reader pages)';
