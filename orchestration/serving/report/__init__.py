"""Charts and a static page about the watched pairs, drawn from the marts."""
