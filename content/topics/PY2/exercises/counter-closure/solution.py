def make_counter(start: int = 0):
    n = start

    def count() -> int:
        nonlocal n
        value = n
        n += 1
        return value

    return count
