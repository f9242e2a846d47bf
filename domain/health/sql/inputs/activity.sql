-- Days with activity, mean steps, and 7 x mean active minutes.
SELECT user_id, count(*) AS activity_days, avg(steps)::float8 AS daily_steps,
       7 * avg(active_minutes)::float8 AS weekly_active_minutes
FROM physical_activities
WHERE date >= $1::date AND date < $2::date /*users*/
GROUP BY user_id
