-- The top queries by CTR over a period (docs/search-insights.md, "Top queries").
-- A query qualifies with at least $3 impressions in the period and is ranked by the lower bound
-- of the Wilson score interval of its CTR at z = $4, so that 1 click out of 1 impression does not
-- top the list. Ties go to the higher CTR, then more impressions, then the query in code-point
-- order, so the ranking is the same on every run and every database locale.
-- $1: the first day, $2: the last day (both included), $3: minimum impressions, $4: z, $5: how many.
WITH per_query AS (
    SELECT search_query, sum(clicks)::bigint AS clicks, sum(impressions)::bigint AS impressions
    FROM search_clicks
    WHERE search_date BETWEEN $1 AND $2
    GROUP BY search_query
    HAVING sum(impressions) >= greatest($3, 1)
), scored AS (
    SELECT search_query, clicks, impressions, p AS ctr,
           (p + z * z / (2 * n) - z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)))
               / (1 + z * z / n) AS wilson_lower_bound
    FROM per_query,
         LATERAL (SELECT clicks::float8 / impressions AS p, impressions::float8 AS n,
                         $4::float8 AS z) AS w
)
SELECT search_query AS query, clicks, impressions, ctr, wilson_lower_bound
FROM scored
ORDER BY wilson_lower_bound DESC, ctr DESC, impressions DESC, search_query COLLATE "C"
LIMIT $5;
