"""Date input formats per language (FORMAT_MODULE_PATH): a typed date means one day only.

Vietnamese writes the day first, so 01/12/2026 is 1 December there. English readers
write it either way round, so the English admin takes ISO dates and dates with a month
name only, and refuses 01/12/2026 rather than guess (sonla_kb.dates says how to write it).
Everything not set here comes from Django's own format modules.
"""
