from itertools import accumulate
from operator import mul


def contiguous_strides(shape):
    # Running products of the sizes from the right, shifted by one: (1, s[-1], s[-1] * s[-2], ...).
    if len(shape) == 0:
        return ()
    products = list(accumulate(reversed(shape[1:]), mul, initial=1))
    return tuple(int(p) for p in reversed(products))


def sliding_view(x, k):
    windows = len(x) - k + 1
    return x.as_strided([windows, k], [x.stride(0)] * 2)
