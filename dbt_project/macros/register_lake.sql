{#- Spark's reading of the lake: `tables` maps each raw table the sources name (`raw.gdelt_events`)
    to the Parquet files it stands for (a path or a glob), and each becomes a view of that name
    in Spark's catalog, made again on every build so that it reads the files there now. -#}
{% macro register_lake(tables) %}
    {% for table, parquet_files in tables.items() %}
        {% do run_query('create schema if not exists ' ~ table.split('.')[0]) %}
        {% do run_query('create or replace view ' ~ table ~ ' as select * from parquet.`' ~ parquet_files ~ '`') %}
    {% endfor %}
{% endmacro %}
