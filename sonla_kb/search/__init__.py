"""Everything that knows Whoosh: schema, index, queries, and how records become documents."""
