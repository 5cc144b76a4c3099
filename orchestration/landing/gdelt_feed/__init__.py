"""GDELT 2.0 feed fetching: read GDELT's file listings and land the files that are missing.

One module a step: `listing` reads a listing, `transfer` talks to the feed (its URL,
retries, back-off), `plan` compares a listing with the landing folder, `download` lands
one verified file, and `fetch` runs the steps for a caller.

Source: the GDELT Project's feed below `http://data.gdeltproject.org/gdeltv2/`. Four
listings name its files, one `<bytes> <md5> <url>` line per file:
`lastupdate.txt` (the newest 15-minute slot), `masterfilelist.txt` (every file since
2015-02-18) and their translingual twins `lastupdate-translation.txt` and
`masterfilelist-translation.txt`. Grain: one listing entry per GDELT file, that is one
kind (`export`, `mentions`, `gkg`, or a `translation.` variant) for one 15-minute UTC
slot; one fetch result per listed file the caller asked for.

Files land under `<raw>/gdelt/events/`, `<raw>/gdelt/mentions/` and `<raw>/gdelt/gkg/`
with GDELT's own file names; translingual files share their kind's folder, their names
keep them apart.
"""
