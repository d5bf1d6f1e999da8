"""The client's right to amend their record (45 CFR 164.526): rules in `rules.py`, use cases in
`service.py`, SQL in `store/amendment_repository.py`."""
