import torch


def is_orthogonal(M, tol=1e-8):
    # For a square matrix, MᵀM = I and M Mᵀ = I say the same thing.
    if M.dim() != 2 or M.shape[0] != M.shape[1]:
        return False
    eye = torch.eye(M.shape[0], dtype=M.dtype)
    return torch.allclose(M @ M.T, eye, rtol=0.0, atol=tol)
