"""Projects u onto v instead of v onto u: the result must lie on the line through u, so divide by u·u and multiply u."""
import torch


def project(v, u):
    return (u @ v) / (v @ v) * v
