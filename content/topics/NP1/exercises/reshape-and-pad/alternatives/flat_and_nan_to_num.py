import torch


def unravel(index, shape):
    # Peel off the last axis first: it is the fastest-moving one in row-major order.
    coords = [0] * len(shape)
    for axis in range(len(shape) - 1, -1, -1):
        coords[axis] = index % shape[axis]
        index = index // shape[axis]
    return tuple(coords)


def pad_zeros(x, p):
    out = torch.zeros((x.shape[0] + 2 * p, x.shape[1] + 2 * p), dtype=x.dtype)
    out[p:out.shape[0] - p, p:out.shape[1] - p] = x
    return out


def minmax_scale(x):
    flat = x.flatten()
    scaled = (x - flat.min()) / (flat.max() - flat.min())
    return torch.nan_to_num(scaled, nan=0.0)  # a constant tensor gives 0 / 0
