"""Without `nonlocal n`, the line n += 1 makes n a new local variable of count, which raises UnboundLocalError: declare nonlocal n inside count."""


def make_counter(start=0):
    n = start

    def count():
        value = n
        n += 1
        return value

    return count
