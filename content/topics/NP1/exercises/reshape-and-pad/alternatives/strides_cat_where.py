import math

import torch


def unravel(index, shape):
    # The stride of axis k is the product of the sizes after it; divide by strides from the first axis on.
    result = []
    for k in range(len(shape)):
        stride = math.prod(shape[k + 1:])
        q, index = divmod(index, stride)
        result.append(int(q))
    return tuple(result)


def pad_zeros(x, p):
    h, w = x.shape
    side = x.new_zeros(h, p)
    middle = torch.cat([side, x, side], dim=1)
    cap = x.new_zeros(p, w + 2 * p)
    return torch.cat([cap, middle, cap], dim=0)


def minmax_scale(x):
    lo, hi = x.amin(), x.amax()
    span = hi - lo
    return torch.where(span > 0, (x - lo) / torch.where(span > 0, span, 1), torch.zeros_like(x))
