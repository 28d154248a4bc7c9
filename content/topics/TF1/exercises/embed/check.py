import torch
import torch.nn.functional as F

import gpt2_reference as ref
import tf_modules
from grader.checks import test, expect_tensor

CFG = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = "(batch, pos, d_model)"


def embed_state(seed, dtype=torch.float64):
    full = ref.random_state_dict(CFG, seed=seed, dtype=dtype)
    return {"W_E": full["embed.W_E"]}


def tokens(batch, pos, high=CFG.d_vocab):
    return torch.randint(0, high, (batch, pos))


def reference(state, toks):
    # A one-hot row times W_E picks out one row: the same numbers as W_E[toks], computed another way.
    return F.one_hot(toks, CFG.d_vocab).to(state["W_E"].dtype) @ state["W_E"]


@test("loads a state dict with W_E of shape (d_vocab=29, d_model=20), float64, and looks up tokens (2, 11)")
def float64():
    state, toks = embed_state(1), tokens(2, 11)
    got = tf_modules.run_module("Embed", CFG.as_dict(), state, toks)
    expect_tensor(got, reference(state, toks), name="Embed(cfg)(tokens)", dims=DIMS, exact=True)


@test("float32 weights: the output is float32 and each position is exactly a row of W_E")
def float32():
    state, toks = embed_state(2, torch.float32), tokens(2, 11)
    got = tf_modules.run_module("Embed", CFG.as_dict(), state, toks)
    expect_tensor(got, reference(state, toks), name="Embed(cfg)(tokens)", dims=DIMS, exact=True)


@test("the first and the last token ids, 0 and d_vocab - 1 = 28, and repeated tokens")
def edge_ids():
    state = embed_state(3)
    toks = torch.tensor([[0, 28, 28, 5, 0, 28, 1, 27, 0, 0, 28], [28, 0, 14, 14, 14, 2, 28, 0, 3, 28, 9]])
    got = tf_modules.run_module("Embed", CFG.as_dict(), state, toks)
    expect_tensor(got, reference(state, toks), name="Embed(cfg)(tokens)", dims=DIMS, exact=True)


@test("a batch that uses only the small token ids 0..9 (the output still comes from the full table)")
def small_ids():
    state, toks = embed_state(4), tokens(2, 11, high=10)
    got = tf_modules.run_module("Embed", CFG.as_dict(), state, toks)
    expect_tensor(got, reference(state, toks), name="Embed(cfg)(tokens)", dims=DIMS, exact=True)


@test("3 sequences of the full context length, pos = n_ctx = 13")
def full_context():
    state, toks = embed_state(5), tokens(3, 13)
    got = tf_modules.run_module("Embed", CFG.as_dict(), state, toks)
    expect_tensor(got, reference(state, toks), name="Embed(cfg)(tokens)", dims=DIMS, exact=True)
