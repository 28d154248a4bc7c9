"""Train the tiny 2-layer attention-only model that TF10's induction-scores exercise ships.

    .venv/bin/python scripts/train_induction_model.py

Writes content/topics/TF10/exercises/induction-scores/data/induction-2l.pt (about 0.1 MB):
a dict {"config": HookedTransformerConfig arguments, "state_dict": the model's state dict (float32),
"induction_heads": [[layer, head], ...] (score > 0.5), "scores": the (n_layers, n_heads) induction
scores}, readable with torch.load(..., weights_only=True).

Data: every sequence is periodic. Its first p tokens are uniform random (p drawn from 2..16 per
sequence) and the rest repeat them, out to n_ctx = 32 tokens. A token at position i >= p is
predicted perfectly by "find the earlier copy of the current token and copy the token after it",
which is what an induction head does; because p varies, no fixed positional offset works.
Positions are "shortformer" style (added to the queries' and keys' inputs only, not to the residual
stream), which makes the previous-token head -> induction head circuit form within ~600 steps.
Layer 1 ends with two induction heads (heads 0 and 2, scores ~0.85) and no other head above 0.1.
Deterministic given SEED, on one CPU thread (the same weights bit for bit on a rerun): 40 to 70 s
on a shared 2-core machine. TransformerLens 3.9 is pinned (4.x has no HookedTransformer).
"""

import argparse
import math
import time
import warnings
from pathlib import Path

import torch
from transformer_lens import HookedTransformer, HookedTransformerConfig

SEED = 0
CONFIG = dict(
    n_layers=2,
    d_model=48,
    n_heads=3,
    d_head=16,
    d_vocab=101,
    n_ctx=32,
    attn_only=True,
    act_fn=None,
    normalization_type="LN",
    positional_embedding_type="shortformer",
    tokenizer_name=None,
    seed=SEED,
)
EXERCISE = Path(__file__).resolve().parents[1] / "content" / "topics" / "TF10" / "exercises" / "induction-scores"
OUT = EXERCISE / "data" / "induction-2l.pt"


def periodic_batch(batch: int, gen: torch.Generator) -> torch.Tensor:
    d_vocab, n_ctx = CONFIG["d_vocab"], CONFIG["n_ctx"]
    periods = torch.randint(2, 17, (batch,), generator=gen)
    first = torch.randint(0, d_vocab, (batch, n_ctx), generator=gen)
    pos = torch.arange(n_ctx)
    return first.gather(1, pos[None, :] % periods[:, None])


def induction_scores(model, seq_len: int, batch: int, seed: int) -> torch.Tensor:
    """The same definition as the exercise: attention from q to q - seq_len + 1, second half."""
    g = torch.Generator().manual_seed(seed)
    first = torch.randint(0, model.cfg.d_vocab, (batch, seq_len), generator=g)
    tokens = torch.cat([first, first], dim=1)
    _, cache = model.run_with_cache(tokens, names_filter=lambda name: name.endswith("hook_pattern"))
    rows = []
    for layer in range(model.cfg.n_layers):
        stripe = cache["pattern", layer].diagonal(offset=1 - seq_len, dim1=-2, dim2=-1)
        rows.append(stripe[..., 1:].mean(dim=(0, 2)))
    return torch.stack(rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        model = HookedTransformer(HookedTransformerConfig(**CONFIG))
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    gen = torch.Generator().manual_seed(SEED + 1)
    start = time.time()
    for step in range(1, args.steps + 1):
        tokens = periodic_batch(args.batch, gen)
        loss = model(tokens, return_type="loss")
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 100 == 0 or step == 1:
            with torch.no_grad():
                top = induction_scores(model, seq_len=12, batch=20, seed=99).flatten()
            print(
                f"step {step:5d}  loss {loss.item():.3f}  ({time.time() - start:.0f} s)  "
                f"induction scores {[round(x, 2) for x in top.tolist()]}",
                flush=True,
            )
    model.eval()
    with torch.no_grad():
        scores = induction_scores(model, seq_len=12, batch=50, seed=1234)
    print(f"trained in {time.time() - start:.1f} s; ln(d_vocab) = {math.log(CONFIG['d_vocab']):.3f}")
    print("induction scores (layer x head):\n", scores)
    heads = [[layer, head] for layer, head in (scores > 0.5).nonzero().tolist()]
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"config": CONFIG, "state_dict": state, "induction_heads": heads, "scores": scores.clone()}, args.out)
    print(f"induction heads (layer, head): {heads}; wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
