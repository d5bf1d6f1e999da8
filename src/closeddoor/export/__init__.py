"""Exports of records in standard formats (FHIR R4): docs/operations.md."""
