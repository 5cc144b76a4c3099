{{ gdelt_records_in_countries(ref('stg_gdelt__events')) }}
