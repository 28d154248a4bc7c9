import torch


def gram_schmidt(V):
    # Keep Q as a matrix and remove the whole projection onto its first j columns at once.
    Q = torch.zeros_like(V)
    for j in range(V.shape[1]):
        done = Q[:, :j]
        u = V[:, j] - done @ (done.T @ V[:, j])
        Q[:, j] = u / torch.linalg.vector_norm(u)
    return Q
