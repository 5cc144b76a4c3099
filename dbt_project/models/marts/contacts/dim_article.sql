with articles as (
    select * from {{ ref('stg_articles__articles') }}
),

sentences as (
    select
        article_id,
        count(*)::bigint as n_sentences
    from {{ ref('stg_articles__sentences') }}
    group by article_id
),

reports as (
    select
        article_id,
        count(*)::bigint as n_contact_reports
    from {{ ref('stg_articles__contact_reports') }}
    group by article_id
),

described as (
    select
        articles.article_id,
        articles.source_file,
        articles.article_index_in_file,
        articles.url,
        articles.title,
        articles.outlet,
        articles.published_date,
        articles.dateline_city,
        articles.language,
        articles.canonical_article_id,
        articles.is_duplicate,
        articles.n_chars::bigint as n_chars,
        articles.n_words::bigint as n_words,
        articles.vader_compound,
        articles.gdelt_tone,
        coalesce(sentences.n_sentences, 0) as n_sentences,
        coalesce(reports.n_contact_reports, 0) as n_contact_reports,
        articles.text
    from articles
    left join sentences on articles.article_id = sentences.article_id
    left join reports on articles.article_id = reports.article_id
)

select * from described
