{#- The columns GDELT 1.0 and 2.0 event records share, from actor 1 to the action's place, renamed
    alike from `records` so that both feeds stage into one shape. -#}
{% macro gdelt_event_record_columns(records) -%}
    {{ records }}.actor1_code,
    {{ records }}.actor1_name,
    {{ records }}.actor1_country_code as actor1_cameo_country,
    {{ records }}.actor2_code,
    {{ records }}.actor2_name,
    {{ records }}.actor2_country_code as actor2_cameo_country,
    {{ records }}.is_root_event = 1 as is_root_event,
    {{ records }}.event_code,
    {{ records }}.event_base_code,
    {{ records }}.event_root_code,
    {{ records }}.quad_class,
    {{ records }}.goldstein_scale,
    {{ records }}.num_mentions,
    {{ records }}.num_sources,
    {{ records }}.num_articles,
    {{ records }}.avg_tone,
    {{ records }}.action_geo_country_code as action_fips_country,
    {{ records }}.action_geo_fullname as action_location,
    {{ records }}.action_geo_feature_id as action_feature_id
{%- endmacro %}
