import math

import torch


def contiguous_strides(shape):
    # The stride of axis i is the number of elements in one step along it: the product of the later sizes.
    return tuple(math.prod(shape[i + 1:]) for i in range(len(shape)))


def sliding_view(x, k):
    step = x.stride()[0]
    return torch.as_strided(x, size=(x.numel() - k + 1, k), stride=(step, step),
                            storage_offset=x.storage_offset())
