"""Everything that leaves plan-removal: the one writer, the one neutralising layer, YAML text."""
