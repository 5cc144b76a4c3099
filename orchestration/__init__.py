"""dyadwatch: relations between states, from news articles and event datasets to country-pair marts."""

import warnings

# Where the Spark extra is installed, pandera imports PySpark, which warns on import that it does not
# support this pandas; dyadwatch hands PySpark no pandas frame, and every command would print it.
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
