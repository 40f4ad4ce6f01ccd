"""Resolution: turns mentions into entities (normalised names, abbreviations, lexicon aliases, near-duplicates, model families)."""
