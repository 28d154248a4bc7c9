"""The tests of an optimizer written from scratch (PT4: SGD, Adam), against torch.optim's own: every
parameter of a small float64 network after each step, for each configuration; gradients left as
backward() made them; a parameter without a gradient skipped.

    import optimizer_checks
    optimizer_checks.add_tests("SGD", ("lr", "momentum", "weight_decay"), CONFIGS,
                               dict(lr=0.1, momentum=0.9, weight_decay=0.1))

Needs `shared: [optimizer_checks]` in exercise.yaml. The learner's class is found by name in its own
process (and in a mutant's namespace, for hints): the drivers take its name as their first argument,
`optimizer`, which failure messages list among the inputs.
"""

import torch
import torch.nn.functional as F
from torch import nn

from grader.checks import expect, expect_tensor, learner, remote, test

STEPS = 10


@remote
def trajectory(optimizer, state, X, y, args, options, steps, unused=False):
    """Train a small float64 network with your optimizer; return every parameter after each step, (steps, n_params)."""
    import torch
    from torch import nn

    model = nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 3)).double()
    model.load_state_dict(state)
    params = model.parameters()
    if unused:  # a parameter that never gets a gradient: step() must skip it
        import itertools

        spare = nn.Parameter(torch.ones(3, dtype=torch.float64))
        params = itertools.chain(params, [spare])
    opt = globals()[optimizer](params, *args, **options)
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
def grads_kept(optimizer, state, X, y, options):
    """Whether step() leaves every p.grad exactly as backward() made it, over 3 steps."""
    import torch
    from torch import nn

    model = nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 3)).double()
    model.load_state_dict(state)
    opt = globals()[optimizer](model.parameters(), **options)
    kept = True
    for _ in range(3):
        opt.zero_grad()
        nn.functional.cross_entropy(model(X), y).backward()
        before = [p.grad.clone() for p in model.parameters()]  # type: ignore[union-attr]  # backward() set each
        opt.step()
        # A step() that sets p.grad to None has not kept it either: that fails the check, not crashes it.
        kept = kept and all(p.grad is not None and torch.equal(b, p.grad) for b, p in zip(before, model.parameters()))
    return kept


def setup():
    model = nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 3)).double()
    X = torch.randn(40, 2, dtype=torch.float64)
    y = torch.randint(0, 3, (40,))
    return model, {k: v.clone() for k, v in model.state_dict().items()}, X, y


def reference(class_name, arg_names, model, X, y, args, options, steps, unused=False):
    spare = nn.Parameter(torch.ones(3, dtype=torch.float64))
    options = dict(zip(arg_names, args), **options)  # our signature's order, which need not be torch's
    opt = getattr(torch.optim, class_name)(list(model.parameters()) + ([spare] if unused else []), **options)
    rows = []
    for _ in range(steps):
        opt.zero_grad()
        F.cross_entropy(model(X), y).backward()
        opt.step()
        extra = [spare.detach()] if unused else []
        rows.append(torch.cat([p.detach().reshape(-1) for p in model.parameters()] + extra))
    return torch.stack(rows)


def add_tests(class_name: str, arg_names: tuple, configs: list, decay_options: dict) -> None:
    """Register, in order: one test per configuration ((positional arguments after params, keyword
    arguments), compared with torch.optim.<class_name>, whose arguments arg_names names in the
    learner's order); then, with decay_options, gradients left unchanged and an unused parameter."""
    for args, options in configs:
        _trajectory_test(class_name, arg_names, args, options)

    shown = ", ".join(f"{k}={v}" for k, v in decay_options.items() if k != "lr")

    @test(f"step() leaves p.grad unchanged ({shown})")
    def grads_unchanged():
        _, state, X, y = setup()
        expect(
            learner.run(grads_kept, class_name, state, X, y, decay_options) is True,
            "After opt.step(), some p.grad is gone (None) or differs from what backward() produced: step() must "
            "leave the gradients as they were (compute the decayed gradient as a new tensor).",
        )

    shown = ", ".join(f"{k}={v}" for k, v in decay_options.items())

    @test(f"a parameter that never gets a gradient (its .grad stays None) is skipped, {shown}")
    def unused_parameter():
        model, state, X, y = setup()
        got = learner.run(trajectory, class_name, state, X, y, (), decay_options, 4, True)
        expect_tensor(
            got,
            reference(class_name, arg_names, model, X, y, (), decay_options, 4, True),
            rtol=0,
            atol=1e-10,
            name="the parameters (the unused one last) after each step",
            dims="(step, parameter)",
        )


def _trajectory_test(class_name, arg_names, args, options):
    text = ", ".join([repr(a) for a in args] + [f"{k}={v}" for k, v in options.items()]) or "defaults"

    @test(
        f"{STEPS} steps match torch.optim.{class_name}({text}) on a float64 MLP (2 -> 5 -> 3), every parameter, "
        "atol 1e-10"
    )
    def compare():
        model, state, X, y = setup()
        got = learner.run(trajectory, class_name, state, X, y, args, options, STEPS)
        expect_tensor(
            got,
            reference(class_name, arg_names, model, X, y, args, options, STEPS),
            rtol=0,
            atol=1e-10,
            name=f"the parameters after each step with {class_name}({text})",
            dims="(step, parameter)",
        )
