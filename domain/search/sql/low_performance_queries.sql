-- Queries with many impressions but few clicks: candidates for a better title or snippet
-- (docs/search-insights.md, "Low performers"). The popular queries are those whose impressions
-- in the period are at least the $3 quantile of all queries' (0.9: the top decile; a value that
-- occurs, percentile_disc). Of those, the ones whose CTR is at most the $4 quantile of the
-- popular queries' CTRs (0.25: their bottom quartile; interpolated, percentile_cont). The
-- quartile is taken among the popular queries, not all: most rare queries have no click at all,
-- and a quartile over them would be a CTR of 0. Most impressions first, then the lower CTR, then
-- the query in code-point order.
-- $1: the first day, $2: the last day (both included), $3, $4: the quantiles, $5: how many.
WITH per_query AS (
    SELECT search_query, sum(clicks)::bigint AS clicks, sum(impressions)::bigint AS impressions,
           sum(clicks)::float8 / sum(impressions) AS ctr
    FROM search_clicks
    WHERE search_date BETWEEN $1 AND $2
    GROUP BY search_query
    HAVING sum(impressions) > 0
), popular AS (
    SELECT * FROM per_query
    WHERE impressions >= (
        SELECT percentile_disc($3::float8) WITHIN GROUP (ORDER BY impressions) FROM per_query
    )
), threshold AS (
    SELECT percentile_cont($4::float8) WITHIN GROUP (ORDER BY ctr) AS max_ctr FROM popular
)
SELECT search_query AS query, clicks, impressions, ctr
FROM popular, threshold
WHERE ctr <= max_ctr
ORDER BY impressions DESC, ctr, search_query COLLATE "C"
LIMIT $5;
