import torch

from grader.checks import test, learner, expect, expect_tensor, device, remote

# Calibration (build time, 20 seeds of the reference, n=200, d=5, float64): the largest
# |w - w_lstsq| / (1 + |w*|) after 500 steps at lr 0.1 was below 1e-12, so the 1e-2 tolerance only
# catches real mistakes (a missing intercept, accumulating grads, a diverging step).


def make_data(n, d, dtype, noise=0.1):
    dev = device()
    X = torch.randn(n, d, dtype=torch.float64, device=dev)
    X = (X - X.mean(0)) / X.std(0)  # standardised columns
    w_true = torch.randn(d, dtype=torch.float64, device=dev) * 2
    b_true = 1.5
    y = X @ w_true + b_true + noise * torch.randn(n, dtype=torch.float64, device=dev)
    A = torch.cat([X, torch.ones(n, 1, dtype=torch.float64, device=dev)], 1)
    sol = torch.linalg.lstsq(A.cpu(), y.cpu()[:, None]).solution[:, 0].to(dev)
    return X.to(dtype), y.to(dtype), sol[:d].to(dtype), sol[d].to(dtype)


def check_fit(n, d, dtype, tol, **options):
    X, y, w_ls, b_ls = make_data(n, d, dtype)
    got = learner.fit_linreg(X, y, **options)
    expect(isinstance(got, (tuple, list)) and len(got) == 2, f"fit_linreg should return (w, b); got {got!r}.")
    w, b = got
    expect_tensor(w, w_ls, name="w", dims="(d,)", rtol=tol, atol=tol)
    expect_tensor(b, b_ls, name="b", dims="a 0-dimensional tensor", rtol=tol, atol=tol)


@test(f"float64 data on the job's device: n=200, d=5, intercept 1.5; (w, b) within 1e-2 of least squares")
def float64_fit():
    check_fit(200, 5, torch.float64, 1e-2)


# The next two pass steps and lr by keyword: fewer steps at a larger rate still converge on standardised data
# (the loss's Hessian is about 2I, so lr 0.3 shrinks the error by about 0.4 a step), and they keep the
# known-mistake search, which reruns every mutant on a failing test's inputs, quick.
@test("float32 data, steps=150, lr=0.3: results are float32 on the same device (n=150, d=3)")
def float32_fit():
    check_fit(150, 3, torch.float32, 1e-2, steps=150, lr=0.3)


@test("a single feature, steps=150, lr=0.3: n=80, d=1")
def one_feature():
    check_fit(80, 1, torch.float64, 1e-2, steps=150, lr=0.3)


def gd_reference(X, y, steps, lr):
    """Plain gradient descent in float64 with the MSE gradient written out: the exact path to compare."""
    n, d = X.shape
    w, b = torch.zeros(d, dtype=torch.float64, device=X.device), torch.zeros((), dtype=torch.float64, device=X.device)
    for _ in range(steps):
        r = X @ w + b - y
        w, b = w - lr * 2 / n * (X.T @ r), b - lr * 2 / n * r.sum()
    return w, b


@test("steps and lr are used: after steps=3, lr=0.05 (by keyword) (w, b) equal 3 plain gradient steps")
def few_steps():
    X, y, _, _ = make_data(60, 4, torch.float64)
    y = y + 3.0  # a large intercept, so a missing or mis-scaled b step shows
    w_ref, b_ref = gd_reference(X, y, 3, 0.05)
    got = learner.fit_linreg(X, y, steps=3, lr=0.05)
    expect(isinstance(got, (tuple, list)) and len(got) == 2, f"fit_linreg should return (w, b); got {got!r}.")
    expect_tensor(got[0], w_ref, name="w after fit_linreg(X, y, steps=3, lr=0.05)", dims="(d,)", rtol=1e-9, atol=1e-12)
    expect_tensor(
        got[1],
        b_ref,
        name="b after fit_linreg(X, y, steps=3, lr=0.05)",
        dims="a 0-dimensional tensor",
        rtol=1e-9,
        atol=1e-12,
    )


@test("positional steps and lr: fit_linreg(X, y, 7, 0.2) equals 7 plain gradient steps at lr 0.2")
def positional_args():
    X, y, _, _ = make_data(50, 2, torch.float64)
    w_ref, b_ref = gd_reference(X, y, 7, 0.2)
    w, b = learner.fit_linreg(X, y, 7, 0.2)
    expect_tensor(w, w_ref, name="w after fit_linreg(X, y, 7, 0.2)", dims="(d,)", rtol=1e-9, atol=1e-12)
    expect_tensor(
        b, b_ref, name="b after fit_linreg(X, y, 7, 0.2)", dims="a 0-dimensional tensor", rtol=1e-9, atol=1e-12
    )


@remote
def grad_flags(X, y):
    import torch

    w, b = fit_linreg(X, y, steps=5)
    grad_mode = torch.is_grad_enabled()
    torch.set_grad_enabled(True)  # undo a leak here, so it cannot spread to what runs next
    return bool(w.requires_grad), bool(b.requires_grad), grad_mode


@test("the results are detached and gradient tracking is left on")
def detached():
    X, y, _, _ = make_data(30, 2, torch.float64)
    w_grad, b_grad, grad_mode = learner.run(grad_flags, X, y)
    expect(not (w_grad or b_grad), "The returned w or b still requires grad: return `.detach()`ed tensors.")
    expect(
        grad_mode,
        "Gradient tracking was left off after fit_linreg returned: use `with torch.no_grad():` for "
        "the update, which switches it back on, rather than torch.set_grad_enabled(False).",
    )


@remote
def on_meta_device(n, d):
    """fit_linreg on PyTorch's "meta" device, which has shapes and dtypes but no numbers: code that creates a
    tensor on a fixed device fails there at once, even on a machine without a GPU."""
    import torch

    X = torch.empty(n, d, device="meta", dtype=torch.float64)
    y = torch.empty(n, device="meta", dtype=torch.float64)
    try:
        w, b = fit_linreg(X, y, steps=2)
    except Exception as e:  # any error is reported back and judged by the check
        return ["error", f"{type(e).__name__}: {e}"]
    return ["ok", [str(getattr(t, "device", type(t).__name__)) for t in (w, b)]]


@test("device-agnostic: X on another device (PyTorch's meta device, shapes without numbers) keeps w and b there")
def any_device():
    status, detail = learner.run(on_meta_device, 12, 3)
    if status == "error":
        # Reading numbers (.item(), printing) is impossible on meta and fine in itself; only a device clash counts.
        clash = "device" in detail and ("cpu" in detail or "cuda" in detail)
        expect(
            not clash,
            f"With X on another device, your code failed with {detail!r}: some tensor was created on "
            "a fixed device. Create every tensor with device=X.device (and dtype=X.dtype).",
        )
        return
    expect(
        detail == ["meta", "meta"],
        f"With X on another device, w and b came back on {detail[0]} and "
        f"{detail[1]}: create them with device=X.device, so the results stay where the data is.",
    )
