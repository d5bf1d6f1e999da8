"""Disclosures: client authorizations, legal bases, minimum-necessary packets, the accounting."""
