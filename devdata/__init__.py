"""Development data: seeded synthetic sets for benchmarks and tests, never installed.

It lives at the repository root, outside `src/`, so the wheel carries none of it; tests and
`bench/` import it from a checkout (`pythonpath = ["."]` in pyproject's pytest settings, and
`bench/deid.py` puts the root on `sys.path`).
"""
