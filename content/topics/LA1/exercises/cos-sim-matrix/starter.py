import torch


def cos_sim_matrix(X: torch.Tensor) -> torch.Tensor:
    """X: (n, d), one vector per row, no zero rows -> (n, n) with out[i, j] = cos(X[i], X[j]).

    Same dtype as X. No cosine_similarity or normalize.
    """
    raise NotImplementedError
