"""The portal basics: what the knowledge base is (/about/), its open data (/data/), its API (/api/)."""
