"""Returns the plain dot products X Xᵀ: divide each dot product by the two vectors' norms so only the angle is left."""
import torch


def cos_sim_matrix(X):
    return X @ X.T
