import torch


def sym_power(A, p):
    evals, Q = torch.linalg.eigh(A)
    return Q @ torch.diag(evals.pow(p)) @ Q.T
