{{ gdelt_records_in_countries(ref('stg_gdelt__v1_events')) }}
