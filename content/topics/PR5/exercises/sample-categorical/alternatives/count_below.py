import torch


def sample_categorical(probs, n, seed):
    gen = torch.Generator().manual_seed(seed)
    u = torch.rand(n, generator=gen, dtype=torch.float64)
    cdf = probs.double().cumsum(0)
    # The first k with u*C < C_k is the number of k with C_k <= u*C.
    idx = (cdf[None, :] <= (u * cdf[-1])[:, None]).sum(dim=1)
    return torch.clamp(idx, max=len(probs) - 1).long()
