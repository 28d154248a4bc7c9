import math

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from grader.checks import test, learner, remote, expect, expect_tensor, fail

# Calibration (build time, 30 seeds of the reference; 300 training points, 2 epochs, batch 32, Adam lr 0.01,
# 1000 held-out points): held-out accuracy min 0.985, mean 0.9895, sd 0.0028; the Bayes (nearest centre)
# accuracy averaged 0.9905 and was never more than 0.004 above the trained model's. The check allows 0.02.
MARGIN = 0.02


@remote
def loss_curve(state, X, y, batch_size, epochs, lr, by_keyword=False):
    """Your train_classifier on a small network with the checker's weights, batches in a fixed order; returns
    the losses and whether every one of them was a Python float."""
    import torch
    from torch import nn
    from torch.utils.data import DataLoader, TensorDataset

    model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 3))
    model.load_state_dict(state)
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size)
    if by_keyword:
        losses = train_classifier(model, loader, lr=lr, epochs=epochs)
    else:
        losses = train_classifier(model, loader, epochs, lr)
    floats = all(type(l) is float for l in losses)
    return torch.tensor([float(l) for l in losses], dtype=torch.float64), floats


@remote
def train_on_blobs(X, y, X_test, y_test, seed):
    """Train a fresh MLP with your train_classifier (2 epochs, lr 0.01, shuffled batches of 32), then return
    its held-out accuracy."""
    import torch
    from torch import nn
    from torch.utils.data import DataLoader, TensorDataset

    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 3))
    loader = DataLoader(TensorDataset(X, y), batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(seed))
    train_classifier(model, loader, 2, 0.01)
    model.eval()
    with torch.no_grad():
        return (model(X_test).argmax(-1) == y_test).double().mean().item()


@remote
def modes_during_training(X, y):
    """A model that records whether it was in training mode at each forward; it starts in eval mode."""
    from torch import nn
    from torch.utils.data import DataLoader, TensorDataset

    class Probe(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin, self.drop, self.seen = nn.Linear(2, 3), nn.Dropout(0.1), []

        def forward(self, x):
            self.seen.append(self.training)
            return self.lin(self.drop(x))

    model = Probe()
    model.eval()
    train_classifier(model, DataLoader(TensorDataset(X, y), batch_size=10), 1, 0.01)
    return model.seen


def reference_curve(state, X, y, batch_size, epochs, lr):
    model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 3))
    model.load_state_dict(state)
    opt, losses = torch.optim.Adam(model.parameters(), lr=lr), []
    for _ in range(epochs):
        for xb, yb in DataLoader(TensorDataset(X, y), batch_size=batch_size):
            opt.zero_grad()
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
            losses.append(loss.item())
    return torch.tensor(losses, dtype=torch.float64)


CENTRES = 3.0 * torch.tensor([[math.cos(a), math.sin(a)] for a in (0, 2 * math.pi / 3, 4 * math.pi / 3)])


def blobs(n):
    """Three unit-variance Gaussian blobs on a circle of radius 3; the best possible rule is nearest centre."""
    y = torch.randint(0, 3, (n,))
    return CENTRES[y] + torch.randn(n, 2), y


@test("per-batch losses follow the spec (Adam, cross-entropy, zero_grad each batch): 50 points, batch 16, 2 epochs")
def curve():
    state = {k: v.clone() for k, v in nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 3)).state_dict().items()}
    X, y = blobs(50)
    got, floats = learner.run(loss_curve, state, X, y, 16, 2, 0.05)
    expect_tensor(
        got,
        reference_curve(state, X, y, 16, 2, 0.05),
        rtol=1e-5,
        atol=1e-6,
        name="the losses returned by train_classifier (one per batch: 4 batches x 2 epochs)",
        dims="(epochs * batches,)",
    )
    expect(
        floats,
        "Some returned losses are not Python floats: append `loss.item()`, not the loss tensor (which "
        "also keeps its whole graph alive).",
    )


@test("epochs and lr by keyword: epochs=3, lr=0.02, 40 points in batches of 16 (9 losses)")
def curve_keywords():
    state = {k: v.clone() for k, v in nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 3)).state_dict().items()}
    X, y = blobs(40)
    got, _ = learner.run(loss_curve, state, X, y, 16, 3, 0.02, True)
    expect_tensor(
        got,
        reference_curve(state, X, y, 16, 3, 0.02),
        rtol=1e-5,
        atol=1e-6,
        name="the losses of train_classifier(model, loader, epochs=3, lr=0.02) (3 batches x 3 epochs)",
        dims="(epochs * batches,)",
    )


@remote
def random_stream_after(X, y, seed):
    """The next random number after training, with the global seed set to `seed` before it."""
    import torch
    from torch import nn
    from torch.utils.data import DataLoader, TensorDataset

    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 3))
    train_classifier(model, DataLoader(TensorDataset(X, y), batch_size=8), 1, 0.01)
    return torch.rand(4)


@test("the caller's random stream is left alone: different seeds before training, different numbers after")
def no_reseeding():
    X, y = blobs(24)
    first = learner.run(random_stream_after, X, y, 11)
    second = learner.run(random_stream_after, X, y, 12)
    expect(
        not torch.equal(first, second),
        "After train_classifier, torch.rand gives the same numbers whatever the "
        "caller seeded before: your code calls torch.manual_seed. Leave seeding to the caller.",
    )


@test("three Gaussian blobs: held-out accuracy after 2 epochs within 0.02 of the best possible (about 0.99)")
def blobs_accuracy():
    X, y = blobs(300)
    X_test, y_test = blobs(1000)
    bayes = (torch.cdist(X_test, CENTRES).argmin(-1) == y_test).double().mean().item()
    acc = learner.run(train_on_blobs, X, y, X_test, y_test, int(torch.randint(0, 2**31, ())))
    expect(
        isinstance(acc, float) and acc >= bayes - MARGIN,
        f"Held-out accuracy after 2 epochs: {acc}; the best possible on this data (nearest centre) is "
        f"{bayes:.3f} and the check wants at least {bayes - MARGIN:.3f}. Is the optimizer stepping on every "
        "batch, are the grads zeroed, and does the loss get raw logits?",
    )


@test("the model trains in training mode even if it arrives in eval mode")
def train_mode():
    X, y = torch.randn(30, 2), torch.randint(0, 3, (30,))
    seen = learner.run(modes_during_training, X, y)
    expect(
        isinstance(seen, list) and len(seen) == 3, f"Expected 3 forward passes (30 examples, batch 10); got {seen!r}."
    )
    expect(
        all(s is True for s in seen),
        "The model was in eval mode during training: call model.train() at the "
        "start of train_classifier (dropout must be on while training).",
    )
