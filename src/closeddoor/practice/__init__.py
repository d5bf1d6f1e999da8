"""Practice-level operations: first-time setup, audit review and verification, key rotation."""
