import torch


def ols(X, y):
    # A = QR with orthonormal Q: the normal equations reduce to R theta = Q^T y, a triangular system.
    A = torch.cat([X, X.new_ones(X.shape[0], 1)], dim=1)
    Q, R = torch.linalg.qr(A)
    theta = torch.linalg.solve_triangular(R, (Q.T @ y)[:, None], upper=True)[:, 0]
    return theta[:-1], theta[-1]
