"""The kb-format interchange (see kb-format.md): import and export of the whole knowledge base.

`schema` checks a parsed file without the database, `importer` writes it in one
transaction, `exporter` reads the database back into the same format.
"""
