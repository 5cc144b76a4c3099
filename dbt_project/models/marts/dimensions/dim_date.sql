with days as (
    select unnest(generate_series(date '1979-01-01', current_date + interval 2 year, interval 1 day))::date as date_day
),

described as (
    select
        date_day,
        year(date_day) as year,
        quarter(date_day) as quarter,
        month(date_day) as month,
        date_trunc('month', date_day)::date as month_start,
        date_trunc('week', date_day)::date as iso_week_start,
        isodow(date_day) as iso_day_of_week,
        dayname(date_day) as day_name,
        isodow(date_day) in (5, 6) as is_regional_weekend
    from days
)

select * from described
