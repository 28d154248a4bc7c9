import torch


def is_orthogonal(M: torch.Tensor, tol: float = 1e-8) -> bool:
    if M.ndim != 2 or M.shape[0] != M.shape[1]:
        return False
    eye = torch.eye(M.shape[0], dtype=M.dtype)
    return bool(((M.T @ M - eye).abs() <= tol).all())
