"""De-identification of free text: Safe Harbor identifiers, record-aware. Pure; no I/O.

    spans = find_identifiers(text, chart)          # or Deidentifier(chart).find(text), reused
    redact(text, spans)                            # "[NAME] said ..."
    redact(text, spans, output="surrogates", chart=chart, key=key,
           date_shift_days=date_shift_for(key, client_id))
"""

from closeddoor.deid.chart import ChartIdentifiers, ChartPerson
from closeddoor.deid.engine import Deidentifier, find_identifiers
from closeddoor.deid.redact import Redaction, redact, redactions
from closeddoor.deid.spans import Label, Span
from closeddoor.deid.surrogates import Surrogates, date_shift_for

__all__ = ["ChartIdentifiers", "ChartPerson", "Deidentifier", "Label", "Redaction", "Span",
           "Surrogates", "date_shift_for", "find_identifiers", "redact", "redactions"]
