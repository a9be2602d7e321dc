"""The bilingual glossary staff keep: English and Vietnamese forms of the field's terms."""
