-- The coded mentions as staging keys them; the model's contract pins the columns `*` gives.
select * from {{ ref('stg_articles__actor_mentions') }}  -- noqa: AM04
