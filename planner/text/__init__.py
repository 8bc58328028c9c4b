"""Text for people: errors at a place in a file, the message catalogue, "did you mean"."""
