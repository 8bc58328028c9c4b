"""The strict YAML reader, and the problems it reports at a line and column."""
