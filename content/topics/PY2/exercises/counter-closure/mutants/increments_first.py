"""Your first call returns start + 1: return the current value first, then increment."""


def make_counter(start=0):
    n = start

    def count():
        nonlocal n
        n += 1
        return n

    return count
