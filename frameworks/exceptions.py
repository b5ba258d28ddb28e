class ReferenceDataError(Exception):
    """The data files are inconsistent: a dangling id, a duplicate, a missing file."""
