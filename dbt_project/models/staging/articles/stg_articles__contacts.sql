select
    contact_id,
    kind,
    status,
    actor_country,
    counterpart_country,
    participant_countries,
    location_city,
    location_country,
    date_from,
    date_to,
    date_precision,
    n_reports,
    n_outlets,
    date_conflict,
    first_reported
from {{ source('articles', 'article_contacts') }}
