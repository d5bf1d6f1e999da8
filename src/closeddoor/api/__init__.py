"""The JSON HTTP API under /api/v1."""
