import torch


def cos_sim_matrix(X):
    # All dot products first; the diagonal of the Gram matrix holds the squared lengths.
    G = torch.einsum("id,jd->ij", X, X)
    lengths = G.diagonal().sqrt()
    return G / torch.outer(lengths, lengths)
