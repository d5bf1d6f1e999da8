"""Treatment planning: the client's problem list (ICD-10-CM diagnoses) and the versioned
treatment plan (problems, goals, objectives, interventions), signed by the clinician and then by
the client. Pure rules in `codes.py` and `plan.py`; use cases in `problems.py` and `plans.py`
(docs/treatment-plans.md)."""
