"""Settings package: base.py holds what every mode shares; dev, test and prod adjust it."""
