-- Blood pressure readings (the fewer of systolic and diastolic) and their means; heart-rate
-- readings and their 10th percentile: a watch reads mostly at rest, workouts only push the top.
SELECT user_id,
       least(count(*) FILTER (WHERE kind = 'blood_pressure_systolic'),
             count(*) FILTER (WHERE kind = 'blood_pressure_diastolic')) AS blood_pressure_readings,
       avg(value) FILTER (WHERE kind = 'blood_pressure_systolic') AS systolic_mmhg,
       avg(value) FILTER (WHERE kind = 'blood_pressure_diastolic') AS diastolic_mmhg,
       count(*) FILTER (WHERE kind = 'heart_rate') AS heart_rate_readings,
       percentile_cont(0.1) WITHIN GROUP (ORDER BY value) FILTER (WHERE kind = 'heart_rate')
           AS resting_heart_rate
FROM health_metrics
WHERE measured_at >= $1::timestamptz AND measured_at < $2::timestamptz /*users*/
  AND kind IN ('heart_rate', 'blood_pressure_systolic', 'blood_pressure_diastolic')
GROUP BY user_id
