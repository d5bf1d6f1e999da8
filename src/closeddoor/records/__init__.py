"""Client charts: demographics, contacts, appointments, progress notes, addenda, process notes."""
