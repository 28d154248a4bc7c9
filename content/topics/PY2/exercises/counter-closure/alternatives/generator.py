def make_counter(start=0):
    def numbers():
        n = start
        while True:
            yield n
            n += 1

    it = numbers()
    return lambda: next(it)
