{#- Everything that places a record in the interaction marts besides the record itself: the watch
    list and the code tables analysts edit. The incremental daily mart rebuilds a day whose
    fingerprint differs, so an edited seed reaches every day already built. -#}
with cameo_event_types as (
    select
        {{ ordered_string_agg(
            "concat_ws(',', cameo_code, quad_class, plover_type, plover_mode)", "';'", 'cameo_code'
        ) }}
            as table_text
    from {{ ref('int_reference__cameo_event_types') }}
),

acled_event_types as (
    select
        {{ ordered_string_agg("concat_ws(',', sub_event_type, quad_class, plover_type)", "';'", 'sub_event_type') }}
            as table_text
    from {{ ref('stg_reference__acled_event_types') }}
),

plover_event_types as (
    select {{ ordered_string_agg("concat_ws(',', plover_type, quad_class)", "';'", 'plover_type') }} as table_text
    from {{ ref('stg_reference__plover_event_types') }}
),

cameo_countries as (
    select {{ ordered_string_agg("concat_ws(',', cameo_code, iso3)", "';'", 'cameo_code') }} as table_text
    from {{ ref('int_reference__cameo_countries') }}
),

countries as (
    select {{ ordered_string_agg("concat_ws(',', iso3, fips, iso_numeric)", "';'", 'iso3') }} as table_text
    from {{ ref('stg_reference__countries') }}
),

country_names as (
    select {{ ordered_string_agg("concat_ws(',', country_name, iso3)", "';'", 'country_name') }} as table_text
    from {{ ref('int_reference__country_names') }}
)

select
    {{ surrogate_key([
        sorted_array(watched_countries()),
        'cameo_event_types.table_text',
        'acled_event_types.table_text',
        'plover_event_types.table_text',
        'cameo_countries.table_text',
        'countries.table_text',
        'country_names.table_text',
    ]) }} as coding_fingerprint
from cameo_event_types
cross join acled_event_types
cross join plover_event_types
cross join cameo_countries
cross join countries
cross join country_names
