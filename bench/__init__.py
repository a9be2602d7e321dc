"""Speed of import, indexing and search, measured on a corpus of real text (`make bench`)."""
