import einops


def attn_scores(q, k):
    # The axis names TransformerLens uses for its attention scores.
    return einops.einsum(
        q, k,
        "batch posn_Q n_heads d_head, batch posn_K n_heads d_head -> batch n_heads posn_Q posn_K",
    )
