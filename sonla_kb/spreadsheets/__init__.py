"""Spreadsheets in and out of the admin (XLSX, CSV), through the kb-format's own rules.

A sheet is one kb-format section: a row per record, a column per field. `cells` turns
cells into kb-format values and back, `sheet` turns a sheet into a kb-format document
(and problems into the sheet's line numbers), `load` previews or imports it with the
interchange's importer (all or nothing), `resources` and `admin` plug this into
django-import-export's admin pages.
"""
