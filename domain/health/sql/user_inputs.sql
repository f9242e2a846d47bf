-- What the health score reads of each user (docs/health-score.md, "Inputs"): one row per user
-- with the aggregates of the scoring window, computed here rather than by loading rows. The
-- single-user variant narrows every part to the users in $6: `/*users*/` becomes
-- `AND user_id = ANY($6)` and `/*u.users*/` becomes `AND u.id = ANY($6)`.
-- $1, $2: the window [from, to) as timestamps; $3, $4: the same as dates; $5: where the window
-- for lab results and weight starts (they are measured less often).
WITH activity AS (
    SELECT user_id, count(*) AS activity_days, avg(steps)::float8 AS daily_steps,
           7 * avg(active_minutes)::float8 AS weekly_active_minutes
    FROM physical_activities
    WHERE date >= $3 AND date < $4 /*users*/
    GROUP BY user_id
), sleep AS (
    SELECT user_id, count(*) AS sleep_nights, avg(duration_minutes) / 60 AS sleep_hours,
           -- Bedtime as minutes after the previous noon (UTC): 23:00 and 01:00 are 120 apart.
           stddev_samp(mod(floor(extract(epoch FROM start) / 60)::bigint + 720, 1440))
               AS sleep_onset_sd_minutes
    FROM sleep_sessions
    WHERE start >= $1 AND start < $2 /*users*/
    GROUP BY user_id
), labs AS (
    SELECT user_id,
           (array_agg(fasting_glucose_mg_dl ORDER BY taken_at DESC)
               FILTER (WHERE fasting_glucose_mg_dl IS NOT NULL))[1] AS fasting_glucose_mg_dl,
           (array_agg(hba1c_percent ORDER BY taken_at DESC)
               FILTER (WHERE hba1c_percent IS NOT NULL))[1] AS hba1c_percent
    FROM blood_tests
    WHERE taken_at >= $5 AND taken_at < $2 /*users*/
    GROUP BY user_id
), vitals AS (
    SELECT user_id,
           least(count(*) FILTER (WHERE kind = 'blood_pressure_systolic'),
                 count(*) FILTER (WHERE kind = 'blood_pressure_diastolic'))
               AS blood_pressure_readings,
           avg(value) FILTER (WHERE kind = 'blood_pressure_systolic') AS systolic_mmhg,
           avg(value) FILTER (WHERE kind = 'blood_pressure_diastolic') AS diastolic_mmhg,
           count(*) FILTER (WHERE kind = 'heart_rate') AS heart_rate_readings,
           -- The lower tail of the day's readings: a watch reads resting more often than not.
           percentile_cont(0.1) WITHIN GROUP (ORDER BY value) FILTER (WHERE kind = 'heart_rate')
               AS resting_heart_rate
    FROM health_metrics
    WHERE measured_at >= $1 AND measured_at < $2 /*users*/
      AND kind IN ('heart_rate', 'blood_pressure_systolic', 'blood_pressure_diastolic')
    GROUP BY user_id
), weights AS (
    SELECT DISTINCT ON (user_id) user_id, value AS weight_kg
    FROM health_metrics
    WHERE kind = 'weight' AND measured_at >= $5 AND measured_at < $2 /*users*/
    ORDER BY user_id, measured_at DESC
)
SELECT u.id AS user_id, u.sex,
       CASE WHEN u.birth_date IS NULL THEN 'unknown'
            ELSE CASE width_bucket(date_part('year', age($4, u.birth_date)), 30, 70, 4)
                     WHEN 0 THEN '<30' WHEN 1 THEN '30-39' WHEN 2 THEN '40-49'
                     WHEN 3 THEN '50-59' WHEN 4 THEN '60-69' ELSE '70+' END
       END AS age_band,
       coalesce(a.activity_days, 0) AS activity_days, a.daily_steps, a.weekly_active_minutes,
       coalesce(s.sleep_nights, 0) AS sleep_nights, s.sleep_hours, s.sleep_onset_sd_minutes,
       l.fasting_glucose_mg_dl, l.hba1c_percent,
       coalesce(v.blood_pressure_readings, 0) AS blood_pressure_readings,
       v.systolic_mmhg, v.diastolic_mmhg,
       coalesce(v.heart_rate_readings, 0) AS heart_rate_readings, v.resting_heart_rate,
       w.weight_kg / (u.height_cm / 100) ^ 2 AS bmi
FROM users u
LEFT JOIN activity a ON a.user_id = u.id
LEFT JOIN sleep s ON s.user_id = u.id
LEFT JOIN labs l ON l.user_id = u.id
LEFT JOIN vitals v ON v.user_id = u.id
LEFT JOIN weights w ON w.user_id = u.id
WHERE TRUE /*u.users*/
ORDER BY u.id;
