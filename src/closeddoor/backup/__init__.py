"""Encrypted backups, restore and restore drills (docs/operations.md)."""
