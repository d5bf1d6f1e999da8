"""De-identified excerpts of a chart for consultation, supervision and teaching."""
