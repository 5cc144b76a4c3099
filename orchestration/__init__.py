"""dyadwatch: relations between states, from news articles and event datasets to country-pair marts."""
