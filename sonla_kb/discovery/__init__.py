"""Discovery: Atom feeds, sitemap.xml and robots.txt."""
