import torch


def map_in_basis(A, B):
    # Column j: the B-coordinates of where the map sends basis vector b_j.
    columns = [torch.linalg.solve(B, A @ B[:, j]) for j in range(B.shape[1])]
    return torch.stack(columns, dim=1)
