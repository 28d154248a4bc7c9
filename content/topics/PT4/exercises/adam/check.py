import torch
import torch.nn.functional as F
from torch import nn

from grader.checks import test, learner, remote, expect, expect_tensor

STEPS = 10
ARG_NAMES = ("lr", "betas", "eps", "weight_decay")
# (positional arguments after params, keyword arguments): each optional argument is varied on its own, by
# keyword and by position, defaults included, so an implementation that ignores one, has a wrong default, or
# reads them in the wrong order, fails.
CONFIGS = [((), {}), ((), dict(lr=0.01)), ((), dict(lr=0.02, betas=(0.8, 0.99))), ((), dict(lr=0.01, betas=(0.9, 0.9))),
           ((), dict(lr=0.01, weight_decay=0.1)), ((), dict(lr=0.05, eps=1e-3)), ((0.03, (0.7, 0.95), 1e-4, 0.02), {})]


@remote
def trajectory(state, X, y, args, options, steps, unused=False):
    """Train a small float64 network with your Adam; return every parameter after each step, (steps, n_params)."""
    import torch
    from torch import nn
    model = nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 3)).double()
    model.load_state_dict(state)
    params = model.parameters()
    if unused:  # a parameter that never gets a gradient: step() must skip it
        import itertools
        spare = nn.Parameter(torch.ones(3, dtype=torch.float64))
        params = itertools.chain(params, [spare])
    opt = Adam(params, *args, **options)
    rows = []
    for _ in range(steps):
        opt.zero_grad()
        nn.functional.cross_entropy(model(X), y).backward()
        opt.step()
        rows.append(torch.cat([p.detach().reshape(-1) for p in model.parameters()]))
        if unused:
            rows[-1] = torch.cat([rows[-1], spare.detach()])
    return torch.stack(rows)


@remote
def grads_kept(state, X, y, options):
    """Whether step() leaves every p.grad exactly as backward() made it, over 3 steps."""
    import torch
    from torch import nn
    model = nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 3)).double()
    model.load_state_dict(state)
    opt = Adam(model.parameters(), **options)
    kept = True
    for _ in range(3):
        opt.zero_grad()
        nn.functional.cross_entropy(model(X), y).backward()
        before = [p.grad.clone() for p in model.parameters()]
        opt.step()
        kept = kept and all(torch.equal(b, p.grad) for b, p in zip(before, model.parameters()))
    return kept


def setup():
    model = nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 3)).double()
    X = torch.randn(40, 2, dtype=torch.float64)
    y = torch.randint(0, 3, (40,))
    return model, {k: v.clone() for k, v in model.state_dict().items()}, X, y


def reference(model, X, y, args, options, steps, unused=False):
    spare = nn.Parameter(torch.ones(3, dtype=torch.float64))
    options = dict(zip(ARG_NAMES, args), **options)  # our signature's order, which need not be torch's
    opt = torch.optim.Adam(list(model.parameters()) + ([spare] if unused else []), **options)
    rows = []
    for _ in range(steps):
        opt.zero_grad()
        F.cross_entropy(model(X), y).backward()
        opt.step()
        rows.append(torch.cat([p.detach().reshape(-1) for p in model.parameters()] + ([spare.detach()] if unused else [])))
    return torch.stack(rows)


def make_test(args, options):
    text = ", ".join([repr(a) for a in args] + [f"{k}={v}" for k, v in options.items()]) or "defaults"

    @test(f"{STEPS} steps match torch.optim.Adam({text}) on a float64 MLP (2 -> 5 -> 3), every parameter, atol 1e-10")
    def compare():
        model, state, X, y = setup()
        got = learner.run(trajectory, state, X, y, args, options, STEPS)
        expect_tensor(got, reference(model, X, y, args, options, STEPS), rtol=0, atol=1e-10,
                      name=f"the parameters after each step with Adam({text})", dims="(step, parameter)")


for _args, _options in CONFIGS:
    make_test(_args, _options)


@test("step() leaves p.grad unchanged (weight_decay=0.1)")
def grads_unchanged():
    _, state, X, y = setup()
    expect(learner.run(grads_kept, state, X, y, dict(lr=0.01, weight_decay=0.1)) is True,
           "After opt.step(), some p.grad differs from what backward() produced: step() must not modify the "
           "gradients (compute the decayed gradient as a new tensor, not with add_ on p.grad).")


@test("a parameter that never gets a gradient (its .grad stays None) is skipped, lr=0.01, weight_decay=0.1")
def unused_parameter():
    model, state, X, y = setup()
    options = dict(lr=0.01, weight_decay=0.1)
    got = learner.run(trajectory, state, X, y, (), options, 4, True)
    expect_tensor(got, reference(model, X, y, (), options, 4, True), rtol=0, atol=1e-10,
                  name="the parameters (the unused one last) after each step", dims="(step, parameter)")
