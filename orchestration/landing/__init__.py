"""The landing folder: which landed file belongs to which source, and which files are refused."""
