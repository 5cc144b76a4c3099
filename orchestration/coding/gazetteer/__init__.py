"""The gazetteer: who and where the articles talk about, compiled from the seed CSVs.

Source: `dbt_project/seeds/gazetteer_*.csv` and `contact_kinds.csv`, edited by analysts
(see `docs/gazetteer.md`). Grain of the compiled matcher: one entry per matching form of a
name (an alias of an actor, a place, a country name, a demonym or a role term).

Matching works on tokens (see `tokens.py`), so hyphen and spacing variants of one name
are one key, and a name only ever matches whole words ("Sudanese" never contains
"Sudan", "Sudani" never matches inside "Sudanese"). At each word the longest known name
wins. Three guards keep names from matching by accident:

- an alias marked `needs_context` (a bare surname such as "Sudani", a mistranslation such
  as "Sharia") counts only when the article also names the actor unambiguously, or when a
  title or honorific stands right before it ("President Sharia", "Mr Sudani");
- `not_preceded_by` / `not_followed_by` list words that veto a match ("Sharia law",
  "Saddam Hussein" is not Fuad Hussein);
- a short alias written in capitals ("IS", "SDF", "US") only matches capitals.

A role phrase ("Iraqi Prime Minister", "Syria's new foreign minister", "the Iraqi and
Syrian foreign ministers", "his Syrian counterpart") becomes a mention with the
countries of its qualifiers; with a publication date, a role held by exactly one person
in the seeds names that person.
"""

from orchestration.coding.gazetteer.mentions import find_mentions
from orchestration.coding.gazetteer.model import ACTOR_KINDS, Gazetteer, GazetteerError, Mention
from orchestration.coding.gazetteer.seeds import SEED_FILES, load_gazetteer

__all__ = ["ACTOR_KINDS", "SEED_FILES", "Gazetteer", "GazetteerError", "Mention", "find_mentions", "load_gazetteer"]
