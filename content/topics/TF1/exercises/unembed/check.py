import torch

import gpt2_reference as ref
import tf_modules
from grader.checks import test, expect_tensor, rand

CFG = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = "(batch, pos, d_vocab)"
NAME = "Unembed(cfg)(x)"


def unembed_state(seed, dtype=torch.float64):
    # W_U ~ N(0, 1/d_model) and b_U ~ N(0, 0.1^2), drawn independently of W_E.
    full = ref.random_state_dict(CFG, seed=seed, dtype=dtype)
    return {"W_U": full["unembed.W_U"], "b_U": full["unembed.b_U"]}


def reference(state, x):
    # Computed in float64 whatever the dtype, then cast back, so a float32 run is compared with exact logits.
    w, b = state["W_U"].double(), state["b_U"].double()
    return (torch.einsum("bpm,mv->bpv", x.double(), w) + b).to(x.dtype)


def run(state, x):
    return tf_modules.run_module("Unembed", CFG.as_dict(), state, x)


@test("loads W_U (d_model=20, d_vocab=29) and b_U (29,), float64; x (2, 11, 20) gives logits (2, 11, 29)")
def float64():
    state, x = unembed_state(1), rand(2, 11, 20)
    expect_tensor(run(state, x), reference(state, x), name=NAME, dims=DIMS)


@test("float32 weights and input: float32 logits (rtol 1e-4)")
def float32():
    state, x = unembed_state(2, torch.float32), rand(2, 11, 20, dtype=torch.float32)
    expect_tensor(run(state, x), reference(state, x), name=NAME, dims=DIMS)


@test("a zero residual stream gives logits equal to b_U at every position")
def zero_stream():
    state, x = unembed_state(3), torch.zeros(2, 11, 20, dtype=torch.float64)
    expect_tensor(run(state, x), reference(state, x), name=NAME + " for x = 0", dims=DIMS)


@test("a large residual stream (x scaled by 10): logits are not normalised, they grow with x")
def large_stream():
    state, x = unembed_state(4), rand(2, 11, 20, scale=10.0)
    expect_tensor(run(state, x), reference(state, x), name=NAME, dims=DIMS)


@test("a non-contiguous input (a transposed view), batch 3, pos 5")
def non_contiguous():
    state, x = unembed_state(5), rand(3, 20, 5).transpose(1, 2)
    expect_tensor(run(state, x), reference(state, x), name=NAME, dims=DIMS)
