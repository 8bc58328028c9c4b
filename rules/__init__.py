"""The finding codes: one module per code, each documented by its docstring."""
