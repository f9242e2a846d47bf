-- Who each user is: sex, and age band at the end of the window (`age()` counts whole years).
SELECT id AS user_id, sex,
       CASE WHEN birth_date IS NULL THEN 'unknown'
            ELSE CASE width_bucket(date_part('year', age($1::date, birth_date)), 30, 70, 4)
                     WHEN 0 THEN '<30' WHEN 1 THEN '30-39' WHEN 2 THEN '40-49'
                     WHEN 3 THEN '50-59' WHEN 4 THEN '60-69' ELSE '70+' END
       END AS age_band,
       height_cm
FROM users
WHERE TRUE /*users*/
ORDER BY id
