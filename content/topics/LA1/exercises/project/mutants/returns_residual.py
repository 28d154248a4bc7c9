"""Returns the residual v − proj (the part of v orthogonal to u) instead of the projection itself."""
import torch


def project(v, u):
    return v - (v @ u) / (u @ u) * u
