"""Where the knowledge base's content comes from: sources of figures and records, and how
many records are real rather than sample."""
