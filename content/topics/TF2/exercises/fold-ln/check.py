import torch

import gpt2_reference as ref
from grader import compare
from grader.checks import test, learner, expect, fail, rand

CFG = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)


def params(dtype=torch.float64):
    p = ref.random_state_dict(CFG, seed=int(torch.randint(0, 2**31 - 1, ())), dtype=dtype)
    return p["blocks.0.ln2.w"], p["blocks.0.ln2.b"], p


def reference(w, b, W, b_W):
    # Row i of W meets feature i of the LayerNorm's output, which is x_hat_i * w_i + b_i.
    W_folded = torch.stack([w[i] * W[..., i, :] for i in range(w.shape[0])], dim=-2)
    b_folded = (b.unsqueeze(-1) * W).sum(dim=-2) + b_W
    return W_folded, b_folded


def call(w, b, W, b_W):
    got = learner.fold_ln(w, b, W, b_W)
    expect(
        isinstance(got, (tuple, list)) and len(got) == 2,
        f"`fold_ln` should return a pair (W_folded, b_folded); it returned {compare.describe(got)}.",
        got=got,
    )
    return got


def expect_part(part, expected, got, name, dims):
    """Compare one of the two returned tensors; `got` (the whole pair) names a known mistake if it matches one."""
    problem = compare.tensors(part, expected, name=name, dims=dims)
    if problem:
        fail(problem[0], got=got)


def normalised(*shape, dtype=torch.float64):
    x = rand(*shape, dtype=dtype)
    x = x - x.mean(-1, keepdim=True)
    return x / x.pow(2).mean(-1, keepdim=True).sqrt()


@test("the MLP's input layer: w, b (20,), W_in (20, 33), b_in (33,), float64")
def mlp_in():
    w, b, p = params()
    W, b_W = p["blocks.0.mlp.W_in"], p["blocks.0.mlp.b_in"]
    got = call(w, b, W, b_W)
    W_ref, b_ref = reference(w, b, W, b_W)
    expect_part(got[0], W_ref, got, "W_folded", "(d_model, d_mlp)")
    expect_part(got[1], b_ref, got, "b_folded", "(d_mlp,)")


@test("the same outputs: (x_hat * w + b) @ W_in + b_in equals x_hat @ W_folded + b_folded for x_hat (2, 11, 20)")
def same_outputs():
    w, b, p = params()
    W, b_W = p["blocks.0.mlp.W_in"], p["blocks.0.mlp.b_in"]
    got = call(w, b, W, b_W)
    W_folded, b_folded = got
    expect(
        isinstance(W_folded, torch.Tensor)
        and W_folded.shape == W.shape
        and isinstance(b_folded, torch.Tensor)
        and b_folded.shape == b_W.shape,
        "W_folded should have W's shape (20, 33) and b_folded b_W's shape (33,).",
        got=got,
    )
    x_hat = normalised(2, 11, 20)
    expect_part(
        x_hat @ W_folded + b_folded,
        (x_hat * w + b) @ W + b_W,
        got,
        "x_hat @ W_folded + b_folded",
        "(batch, pos, d_mlp)",
    )


@test("per-head attention weights: W_Q (n_heads=4, d_model=20, d_head=7) and b_Q (4, 7)")
def attention_heads():
    w, b, p = params()
    W, b_W = p["blocks.0.attn.W_Q"], p["blocks.0.attn.b_Q"]
    got = call(w, b, W, b_W)
    W_ref, b_ref = reference(w, b, W, b_W)
    expect_part(got[0], W_ref, got, "W_folded", "(n_heads, d_model, d_head)")
    expect_part(got[1], b_ref, got, "b_folded", "(n_heads, d_head)")


@test("float32 parameters give float32 results (rtol 1e-4)")
def float32():
    w, b, p = params(torch.float32)
    W, b_W = p["blocks.0.mlp.W_in"], p["blocks.0.mlp.b_in"]
    got = call(w, b, W, b_W)
    W_ref, b_ref = reference(w, b, W, b_W)
    expect_part(got[0], W_ref, got, "W_folded", "(d_model, d_mlp)")
    expect_part(got[1], b_ref, got, "b_folded", "(d_mlp,)")
