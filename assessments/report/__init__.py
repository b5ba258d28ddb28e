"""Everything drawn from a saved result: the report page's context, charts, comparison, deep dive, SoA, board pack PDF and spreadsheets."""
