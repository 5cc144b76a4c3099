select
    article_id,
    source_file,
    article_index_in_file,
    url,
    title,
    outlet,
    published_date,
    dateline_city,
    language,
    canonical_article_id,
    is_duplicate,
    n_chars,
    text
from {{ source('articles', 'article_texts') }}
