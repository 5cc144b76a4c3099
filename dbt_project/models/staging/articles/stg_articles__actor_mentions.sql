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
    article_id || ':' || char_start || ':' || char_end || ':' || coalesce(actor_id, country, city, '') as mention_key
from {{ source('articles', 'article_actor_mentions') }}
