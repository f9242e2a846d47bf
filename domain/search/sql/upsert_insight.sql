-- Store one day's insights, replacing what an earlier run stored for that day: running a day
-- twice, or twice at once, leaves one row (the unique index on insight_date decides).
INSERT INTO search_insights (insight_date, average_ctr, mean_query_ctr, queries, total_clicks,
                             total_impressions, top_queries, low_performance_queries,
                             definitions_version, computed_at, job_id)
VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, now(), $10)
ON CONFLICT (insight_date) DO UPDATE SET
    average_ctr = EXCLUDED.average_ctr,
    mean_query_ctr = EXCLUDED.mean_query_ctr,
    queries = EXCLUDED.queries,
    total_clicks = EXCLUDED.total_clicks,
    total_impressions = EXCLUDED.total_impressions,
    top_queries = EXCLUDED.top_queries,
    low_performance_queries = EXCLUDED.low_performance_queries,
    definitions_version = EXCLUDED.definitions_version,
    computed_at = EXCLUDED.computed_at,
    job_id = EXCLUDED.job_id;
