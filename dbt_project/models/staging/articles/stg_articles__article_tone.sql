select
    article_id,
    vader_compound,
    gdelt_tone,
    n_words,
    tone_missing_reason
from {{ source('articles', 'article_tone') }}
