import torch
from hypothesis import given, settings, strategies as st

import gpt2_reference as ref
import tf_modules
from grader.checks import test, expect, expect_tensor, fail

CFG = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = "(batch, pos, d_model)"
NAME = "PosEmbed(cfg)(tokens)"


def pos_state(seed, dtype=torch.float64):
    return {"W_pos": ref.random_state_dict(CFG, seed=seed, dtype=dtype)["pos_embed.W_pos"]}


def reference(state, batch, pos):
    # Row p for position p, the same for every sequence: build it with a loop, row by row.
    w = state["W_pos"]
    return torch.stack([torch.stack([w[p] for p in range(pos)]) for _ in range(batch)])


def run(state, toks):
    return tf_modules.run_module("PosEmbed", CFG.as_dict(), state, toks)


@test("loads W_pos of shape (n_ctx=13, d_model=20), float64; tokens (2, 11) give rows 0..10 for both sequences")
def float64():
    state, toks = pos_state(1), torch.randint(0, CFG.d_vocab, (2, 11))
    expect_tensor(run(state, toks), reference(state, 2, 11), name=NAME, dims=DIMS, exact=True)


@test("float32 weights give a float32 output, exactly the rows of W_pos")
def float32():
    state, toks = pos_state(2, torch.float32), torch.randint(0, CFG.d_vocab, (2, 11))
    expect_tensor(run(state, toks), reference(state, 2, 11), name=NAME, dims=DIMS, exact=True)


@test("the output does not depend on the token values: tokens (2, 11) with ids below n_ctx, 12 different draws")
def token_values_do_not_matter():
    state = pos_state(3)
    base_tokens = torch.zeros(2, 11, dtype=torch.long)
    base = run(state, base_tokens)

    @settings(derandomize=True, deadline=None, database=None, max_examples=12)
    @given(st.lists(st.integers(0, CFG.n_ctx - 1), min_size=22, max_size=22))
    def same_output(ids):
        toks = torch.tensor(ids).reshape(2, 11)
        got = run(state, toks)
        if not (isinstance(got, torch.Tensor) and got.shape == base.shape and torch.equal(got, base)):
            fail(f"With tokens {toks.tolist()} the output differs from the output for all-zero tokens of the same "
                 "shape. The positional embedding must depend only on the positions 0 .. pos - 1, never on which "
                 "token sits there.", got=got)

    same_output()


@test("every sequence of a batch of 3 (pos 5) gets the same rows")
def same_for_every_sequence():
    state, toks = pos_state(4), torch.randint(0, CFG.d_vocab, (3, 5))
    got = run(state, toks)
    expect(isinstance(got, torch.Tensor) and list(got.shape) == [3, 5, CFG.d_model],
           f"{NAME} for tokens (3, 5) should have shape (3, 5, 20), that is {DIMS}; got "
           f"{tuple(got.shape) if isinstance(got, torch.Tensor) else type(got).__name__}.", got=got)
    for b in (1, 2):
        expect(torch.equal(got[b], got[0]), f"Sequence {b} of the batch got different positional embeddings from "
               "sequence 0; every sequence uses the same rows W_pos[0 .. pos - 1].", got=got)
    expect_tensor(got, reference(state, 3, 5), name=NAME, dims=DIMS, exact=True)


@test("the edges: a single token (pos 1) and the full context (pos = n_ctx = 13)")
def edges():
    state = pos_state(5)
    for pos in (1, CFG.n_ctx):
        toks = torch.randint(0, CFG.d_vocab, (2, pos))
        expect_tensor(run(state, toks), reference(state, 2, pos), name=f"{NAME} for tokens (2, {pos})", dims=DIMS,
                      exact=True)
