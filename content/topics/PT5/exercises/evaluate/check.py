import torch
from torch import nn

from grader.checks import test, learner, remote, expect, fail, mutant_hint


@remote
def accuracy_of(state, X, y, batch_size, dropout, start_training):
    """A small classifier with the checker's weights, evaluated twice by your evaluate(); returns
    [first result, second result, model.training afterwards]."""
    import torch
    from torch import nn
    from torch.utils.data import DataLoader, TensorDataset

    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Dropout(dropout), nn.Linear(16, 3))
    model.load_state_dict(state)
    model.train(start_training)
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size)
    first = evaluate(model, loader)
    second = evaluate(model, loader)
    grad_mode = torch.is_grad_enabled()
    torch.set_grad_enabled(True)  # undo a leak here, so it cannot spread to what runs next
    return [first, second, model.training, grad_mode]


@remote
def what_the_model_saw(X, y):
    """A model that records, at each forward, whether it was in training mode and whether grad was enabled."""
    import torch
    from torch import nn
    from torch.utils.data import DataLoader, TensorDataset

    class Probe(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = nn.Linear(2, 3)
            self.seen = []

        def forward(self, x):
            self.seen.append([self.training, torch.is_grad_enabled()])
            return self.lin(x)

    model = Probe()
    model.train()
    evaluate(model, DataLoader(TensorDataset(X, y), batch_size=8))
    return model.seen


def make(n, dropout=0.0):
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Dropout(dropout), nn.Linear(16, 3))
    X = torch.randn(n, 2) * 2
    y = torch.randint(0, 3, (n,))
    model.eval()
    with torch.no_grad():
        acc = (model(X).argmax(-1) == y).sum().item() / n
    return {k: v.clone() for k, v in model.state_dict().items()}, X, y, acc


def expect_accuracy(got, want, what):
    if not isinstance(got, float):
        fail(f"evaluate returned {type(got).__name__} ({got!r}); expected a Python float (use .item()).")
    if abs(got - want) > 1e-6:
        hint = mutant_hint(learner.last_call.value)
        fail(f"evaluate returned {got:.6f} {what}; expected {want:.6f}." + (" " + hint if hint else ""))


@test("exact accuracy over 50 examples in batches of 16 (the last batch has 2)")
def uneven_batches():
    state, X, y, acc = make(50)
    got = learner.run(accuracy_of, state, X, y, 16, 0.0, False)
    expect_accuracy(got[0], acc, "on 50 examples in batches of 16, 16, 16, 2")


@test("a model with dropout 0.5: the same accuracy on every call, equal to the eval-mode accuracy")
def dropout_deterministic():
    state, X, y, acc = make(200, dropout=0.5)
    got = learner.run(accuracy_of, state, X, y, 32, 0.5, True)
    expect(
        got[0] == got[1],
        f"evaluate returned {got[0]} and then {got[1]} for the same model and data: the "
        "result changes between calls, so dropout is still active. Call model.eval() first.",
    )
    expect_accuracy(got[0], acc, "for a model with dropout (first call)")
    expect_accuracy(got[1], acc, "for a model with dropout (second call)")


@test("model.training is restored: True stays True, False stays False")
def mode_restored():
    state, X, y, _ = make(40, dropout=0.5)
    for start in (True, False):
        got = learner.run(accuracy_of, state, X, y, 16, 0.5, start)
        if got[2] is not start:
            hint = mutant_hint(got)
            fail(
                f"The model was in {'train' if start else 'eval'} mode before evaluate and in "
                f"{'train' if got[2] else 'eval'} mode after it; evaluate should leave it as it was."
                + (" " + hint if hint else "")
            )


@test("every forward pass inside evaluate runs in eval mode with gradient tracking off")
def eval_and_no_grad():
    X, y = torch.randn(20, 2), torch.randint(0, 3, (20,))
    seen = learner.run(what_the_model_saw, X, y)
    expect(
        isinstance(seen, list) and len(seen) == 3, f"Expected 3 forward passes (20 examples, batch 8); got {seen!r}."
    )
    expect(
        all(s[0] is False for s in seen),
        "The model was in training mode during evaluation: call model.eval() "
        "before the loop (dropout and batch norm behave differently).",
    )
    expect(
        all(s[1] is False for s in seen),
        "Gradient tracking was on during evaluation: run the loop inside `with torch.no_grad():`.",
    )


@test("gradient tracking is on again after evaluate returns")
def grad_mode_restored():
    state, X, y, _ = make(30)
    got = learner.run(accuracy_of, state, X, y, 16, 0.0, True)
    expect(
        got[3] is True,
        "Gradient tracking was off after evaluate returned: use `with torch.no_grad():` (which "
        "restores it) rather than torch.set_grad_enabled(False).",
    )


@test("tied logits: classes 0 and 1 always tie, and a tie predicts the first of them (class 0)")
def ties():
    state, X, _, _ = make(60)
    state["3.weight"][1] = state["3.weight"][0]  # the last layer's rows 0 and 1 are equal: logits 0 and 1 tie
    state["3.bias"][1] = state["3.bias"][0]
    y = torch.randint(0, 3, (60,))
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Dropout(0.0), nn.Linear(16, 3))
    model.load_state_dict(state)
    with torch.no_grad():
        acc = (model(X).argmax(-1) == y).sum().item() / 60
    got = learner.run(accuracy_of, state, X, y, 16, 0.0, False)
    expect_accuracy(got[0], acc, "on 60 examples whose class-0 and class-1 logits are equal")
