from functools import reduce


def compose(maps):
    # Each new map goes on the left of everything applied so far.
    return reduce(lambda so_far, M: M @ so_far, maps[1:], maps[0].clone())
