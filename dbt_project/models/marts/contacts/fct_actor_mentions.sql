select
    article_id,
    sentence_number,
    char_start,
    char_end,
    matched_text,
    actor_id,
    actor_kind,
    country,
    role,
    role_level,
    city,
    mention_key
from {{ ref('stg_articles__actor_mentions') }}
