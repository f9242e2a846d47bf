-- The latest weight (lab window); BMI is made from it and the user's height.
SELECT user_id, (array_agg(value ORDER BY measured_at DESC))[1] AS weight_kg
FROM health_metrics
WHERE kind = 'weight' AND measured_at >= $1::timestamptz AND measured_at < $2::timestamptz
  /*users*/
GROUP BY user_id
