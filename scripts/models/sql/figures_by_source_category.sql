-- How many figures each source gives, by indicator category and status.
-- key: source_id, category
-- reads: figures
CREATE OR REPLACE TABLE figures_by_source_category AS
SELECT
    source_id,
    category,
    count(*) AS figures,
    count(*) FILTER (WHERE status = 'actual') AS actuals,
    count(*) FILTER (WHERE status = 'target') AS targets,
    count(*) FILTER (WHERE flag = 'suspect') AS suspect,
    count(*) FILTER (WHERE period_inferred) AS period_inferred
FROM figures
GROUP BY source_id, category
ORDER BY source_id, category;

COMMENT ON TABLE figures_by_source_category IS 'Number of figures per source and indicator category.';
COMMENT ON COLUMN figures_by_source_category.source_id IS 'Source document id';
COMMENT ON COLUMN figures_by_source_category.category IS 'Indicator category';
COMMENT ON COLUMN figures_by_source_category.figures IS 'Figures in the category';
COMMENT ON COLUMN figures_by_source_category.actuals IS 'Of those, actual results';
COMMENT ON COLUMN figures_by_source_category.targets IS 'Of those, targets';
COMMENT ON COLUMN figures_by_source_category.suspect IS 'Of those, flagged suspect';
COMMENT ON COLUMN figures_by_source_category.period_inferred IS 'Of those, with a period inferred from the document date';
