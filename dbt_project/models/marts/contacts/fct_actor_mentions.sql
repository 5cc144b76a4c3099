select * from {{ ref('stg_articles__actor_mentions') }}
