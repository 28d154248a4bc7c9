import torch


def sample_normal(n, mu, sigma, seed):
    # Marsaglia's polar method: a uniform point in the unit disc instead of an angle.
    gen = torch.Generator().manual_seed(seed)
    found = []
    have = 0
    while have < n:
        a = 2 * torch.rand(n, generator=gen, dtype=torch.float64) - 1
        b = 2 * torch.rand(n, generator=gen, dtype=torch.float64) - 1
        s = a * a + b * b
        inside = (s > 0) & (s < 1)
        a, b, s = a[inside], b[inside], s[inside]
        factor = torch.sqrt(-2 * torch.log(s) / s)
        found += [a * factor, b * factor]
        have += 2 * int(inside.sum())
    z = torch.cat(found)[:n]
    return mu + sigma * z
