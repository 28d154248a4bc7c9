import torch

from grader.checks import test, learner, expect, expect_tensor


def reference(X, y):
    A = torch.cat([X, torch.ones(X.shape[0], 1, dtype=X.dtype)], 1)
    sol = torch.linalg.lstsq(A, y[:, None], driver="gelsd").solution[:, 0]
    return sol[:-1], sol[-1]


def check(X, y, what):
    got = learner.ols(X, y)
    expect(isinstance(got, (tuple, list)) and len(got) == 2, f"ols should return (w, b); got {got!r}.")
    w_ref, b_ref = reference(X, y)
    expect_tensor(got[0], w_ref, name=f"w ({what})", dims="(d,)", rtol=1e-8, atol=1e-10)
    expect_tensor(got[1], b_ref, name=f"b ({what})", dims="a 0-dimensional tensor", rtol=1e-8, atol=1e-10)


@test("float64, n=50, d=4, features not centred, intercept -2.5, with noise")
def noisy():
    X = torch.randn(50, 4, dtype=torch.float64) + torch.tensor([1.0, -2.0, 0.5, 3.0], dtype=torch.float64)
    y = X @ torch.randn(4, dtype=torch.float64) - 2.5 + 0.3 * torch.randn(50, dtype=torch.float64)
    check(X, y, "n=50, d=4")


@test("an exact line: y = 2x + 1 on x = 0..3 gives w = (2,), b = 1")
def exact_line():
    X = torch.arange(4, dtype=torch.float64)[:, None]
    check(X, 2 * X[:, 0] + 1, "y = 2x + 1")


@test("correlated, uncentred features: n=30, d=6, intercept 4")
def correlated():
    base = torch.randn(30, 6, dtype=torch.float64)
    X = base @ (torch.eye(6, dtype=torch.float64) + 0.3 * torch.randn(6, 6, dtype=torch.float64))
    y = torch.randn(30, dtype=torch.float64) + 4.0
    check(X, y, "n=30, d=6")


@test("float32 in, float32 out: n=40, d=3, well-conditioned, intercept 0.7")
def float32_data():
    X = torch.randn(40, 3, dtype=torch.float64) + torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64)
    y = X @ torch.tensor([1.5, -0.5, 2.0], dtype=torch.float64) + 0.7 + 0.1 * torch.randn(40, dtype=torch.float64)
    got = learner.ols(X.float(), y.float())
    expect(isinstance(got, (tuple, list)) and len(got) == 2, f"ols should return (w, b); got {got!r}.")
    w_ref, b_ref = reference(X, y)
    expect_tensor(got[0], w_ref.float(), name="w (float32, n=40, d=3)", dims="(d,)", rtol=1e-3, atol=1e-3)
    expect_tensor(
        got[1], b_ref.float(), name="b (float32, n=40, d=3)", dims="a 0-dimensional tensor", rtol=1e-3, atol=1e-3
    )
