"""closeddoor: a records system for psychotherapy practices whose first job is confidentiality."""

__version__ = "0.1.0"
