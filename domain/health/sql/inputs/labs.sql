-- The latest fasting glucose and the latest HbA1c, from whichever panels measured them.
SELECT user_id,
       (array_agg(fasting_glucose_mg_dl ORDER BY taken_at DESC)
           FILTER (WHERE fasting_glucose_mg_dl IS NOT NULL))[1] AS fasting_glucose_mg_dl,
       (array_agg(hba1c_percent ORDER BY taken_at DESC)
           FILTER (WHERE hba1c_percent IS NOT NULL))[1] AS hba1c_percent
FROM blood_tests
WHERE taken_at >= $1::timestamptz AND taken_at < $2::timestamptz /*users*/
GROUP BY user_id
