import torch


def matrix_of(f, n):
    A = None
    for j in range(n):
        e = torch.zeros(n, dtype=torch.float64)
        e[j] = 1.0
        image = f(e)
        if A is None:  # the first image tells us m
            A = torch.empty(image.shape[0], n, dtype=torch.float64)
        A[:, j] = image
    return A
