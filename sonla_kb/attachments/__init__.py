"""Attached slide decks and reports: validation, text extraction, storage and download."""
