"""The Notice of Privacy Practices (45 CFR 164.520): versions, their text, and each client's
acknowledgment or the practice's documented good-faith effort."""
