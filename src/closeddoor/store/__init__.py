"""SQLAlchemy 2 adapters: tables, engine, unit of work, repositories and the audit log writer."""
