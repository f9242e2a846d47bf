-- Daily click-through rate, two ways (docs/search-insights.md, "Daily average CTR").
--   average_ctr:    impression-weighted, total clicks / total impressions of the day; what search
--                   consoles report. NULL for a day without impressions.
--   mean_query_ctr: the plain mean of each query's own CTR that day, over the queries that had
--                   impressions (several rows of one query on one day are added up first).
-- $1: the first day, $2: the last day (both included).
WITH per_query AS (
    SELECT search_date, search_query, sum(clicks) AS clicks, sum(impressions) AS impressions
    FROM search_clicks
    WHERE search_date BETWEEN $1 AND $2
    GROUP BY search_date, search_query
)
SELECT search_date AS day,
       count(*) FILTER (WHERE impressions > 0) AS queries,
       sum(clicks)::bigint AS total_clicks,
       sum(impressions)::bigint AS total_impressions,
       sum(clicks)::float8 / NULLIF(sum(impressions), 0) AS average_ctr,
       avg(clicks::float8 / NULLIF(impressions, 0)) AS mean_query_ctr
FROM per_query
GROUP BY search_date
ORDER BY search_date;
