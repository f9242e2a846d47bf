-- Blood pressure readings (the fewer of systolic and diastolic) and the mean of each. One group
-- per kind, each read in user order from the index on (kind, user_id, measured_at) INCLUDE (value).
SELECT user_id,
       least(coalesce(systolic.readings, 0), coalesce(diastolic.readings, 0))
           AS blood_pressure_readings,
       systolic.mean AS systolic_mmhg, diastolic.mean AS diastolic_mmhg
FROM (SELECT user_id, count(*) AS readings, avg(value) AS mean
      FROM health_metrics
      WHERE kind = 'blood_pressure_systolic'
        AND measured_at >= $1::timestamptz AND measured_at < $2::timestamptz /*users*/
      GROUP BY user_id) AS systolic
FULL JOIN (SELECT user_id, count(*) AS readings, avg(value) AS mean
           FROM health_metrics
           WHERE kind = 'blood_pressure_diastolic'
             AND measured_at >= $1::timestamptz AND measured_at < $2::timestamptz /*users*/
           GROUP BY user_id) AS diastolic USING (user_id)
