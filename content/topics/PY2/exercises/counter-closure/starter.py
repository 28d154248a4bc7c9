def make_counter(start: int = 0):
    """Return count(), which returns start, start + 1, ... on successive calls; counters are independent."""
    raise NotImplementedError
