"""``plan-removal diff``: what Cliënt Online did between two exports of one office."""
