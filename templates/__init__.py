"""Jinja2 templates for the checklist, one per output format."""
