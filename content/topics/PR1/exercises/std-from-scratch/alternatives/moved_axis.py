import torch


def std(x, dim=-1, correction=1):
    # Bring the axis to the end, where indexing is simple.
    last = x.movedim(dim, -1)
    centred = last - last.mean(dim=-1, keepdim=True)
    variance = (centred * centred).sum(dim=-1) / (last.shape[-1] - correction)
    return torch.sqrt(variance)
