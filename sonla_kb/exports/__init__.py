"""Exports and citations: lists and search results as CSV and JSON; records as BibTeX and RIS."""
