with reports as (
    select * from {{ ref('stg_articles__contact_reports') }}
),

articles as (
    select
        article_id,
        url,
        title,
        published_date
    from {{ ref('stg_articles__articles') }}
),

described as (
    select
        reports.report_id,
        reports.contact_id,
        reports.article_id,
        reports.canonical_article_id,
        reports.source_file,
        reports.outlet,
        articles.url,
        articles.title,
        articles.published_date,
        reports.kind,
        reports.status,
        reports.actor_id,
        reports.actor_name,
        reports.actor_country,
        reports.counterpart_name,
        reports.counterpart_country,
        reports.participant_countries,
        reports.location_city,
        reports.location_country,
        reports.date_from,
        reports.date_to,
        reports.date_precision,
        reports.sentence_number,
        reports.n_mentions::bigint as n_mentions,
        reports.char_start,
        reports.char_end,
        reports.sentence,
        reports.quote,
        reports.cameo_code,
        reports.plover_type,
        reports.plover_mode,
        reports.confidence
    from reports
    left join articles on reports.article_id = articles.article_id
)

select * from described
