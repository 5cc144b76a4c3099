-- The serving database beside Dagster's own: dyadwatch publishes its marts here.
create database dyadwatch;
