"""Informed consent: jurisdiction facts, templates, and the exact text a client signs.

Pure: no database and no web. `service.py` (written separately) stores versions and signatures.
"""
