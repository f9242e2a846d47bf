-- Heart-rate readings and their 10th percentile: a watch reads mostly at rest, workouts only push
-- the top. Reads only the index on (kind, user_id, measured_at) INCLUDE (value), in user order.
SELECT user_id, count(*) AS heart_rate_readings,
       percentile_cont(0.1) WITHIN GROUP (ORDER BY value) AS resting_heart_rate
FROM health_metrics
WHERE kind = 'heart_rate' AND measured_at >= $1::timestamptz AND measured_at < $2::timestamptz
  /*users*/
GROUP BY user_id
