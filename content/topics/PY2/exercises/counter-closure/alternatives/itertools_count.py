import itertools


def make_counter(start=0):
    # itertools.count already is an independent counter; its bound __next__ takes no arguments.
    return itertools.count(start).__next__
