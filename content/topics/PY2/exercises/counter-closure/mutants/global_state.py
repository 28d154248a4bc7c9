"""Your counters share one global count, so using one counter advances the others: keep the count in make_counter's own scope (a closure with nonlocal)."""
_count = None


def make_counter(start=0):
    global _count
    _count = start

    def count():
        global _count
        value = _count
        _count += 1
        return value

    return count
