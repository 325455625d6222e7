"""Per-article analysis: quantities, dates, places and entity names."""
