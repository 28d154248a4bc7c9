import torch
from grader.checks import test, learner, expect, fail, rand

F64 = dict(dtype=torch.float64)


def psd_with_spectrum(eigenvalues):
    """Q diag(eigenvalues) Q^T for a random orthogonal Q, with the top eigenvector kept away from
    being orthogonal to the all-ones vector (so any fixed generic start works)."""
    n = len(eigenvalues)
    while True:
        Q, _ = torch.linalg.qr(rand(n, n))
        top = Q[:, 0]
        if abs(float(top.sum())) / n**0.5 > 0.2:
            break
    A = Q @ torch.diag(torch.tensor(eigenvalues, **F64)) @ Q.T
    return (A + A.T) / 2


def check_result(A, result, what):
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(f"`power_iteration` should return a pair (lam, v); it returned {type(result).__name__}.")
    lam, v = result
    if isinstance(lam, torch.Tensor):
        fail(
            f"`lam` should be a Python float; it is a tensor of shape {tuple(lam.shape)}. Use `float(...)` or `.item()`."
        )
    expect(
        isinstance(lam, (float, int)) and not isinstance(lam, bool),
        f"`lam` should be a Python float; got {type(lam).__name__}.",
    )
    expect(
        isinstance(v, torch.Tensor) and v.shape == (A.shape[0],),
        f"`v` should be a tensor of shape ({A.shape[0]},); got "
        + (f"shape {tuple(v.shape)}" if isinstance(v, torch.Tensor) else type(v).__name__)
        + ".",
    )
    expect(v.dtype == torch.float64, f"`v` should be float64; got {str(v.dtype).removeprefix('torch.')}.")
    expect(
        bool(torch.isfinite(v).all()) and lam == lam,
        f"Got non-finite values ({what}): lam = {lam}, v contains {v[~torch.isfinite(v)][:3].tolist()}. "
        "Normalise the vector every iteration, or A^k x overflows (large eigenvalues) or underflows to 0 (small ones).",
    )
    evals, evecs = torch.linalg.eigh(A)
    lam1, q1 = float(evals[-1]), evecs[:, -1]
    norm = float(v.norm())
    expect(
        norm > 0 and norm == norm and norm != float("inf"),
        f"`v` has norm {norm} ({what}): the iterate over- or underflowed. Normalise the vector every iteration, "
        "not only at the end: A^500 x has entries like λ₁^500.",
    )
    expect(abs(norm - 1) <= 1e-8, f"`v` should have length 1; its norm is {norm:.6g} ({what}). Divide by its norm.")
    if abs(lam - lam1) > 1e-6 * lam1:
        hint = ""
        if abs(lam - lam1**2) <= 1e-6 * lam1**2:
            hint = " That is λ₁²: for a unit vector v the eigenvalue is vᵀAv (or ‖Av‖, not ‖Av‖²)."
        elif abs(float(v @ q1)) < 1 - 1e-6:
            hint = " Your v has not converged to the top eigenvector either: does the loop run all n_iter steps?"
        fail(
            f"`lam` = {lam:.10g}, but the largest eigenvalue is {lam1:.10g} ({what}); relative error "
            f"{abs(lam - lam1) / lam1:.2g}, allowed 1e-6.{hint}"
        )
    overlap = abs(float(v @ q1))
    expect(
        overlap >= 1 - 1e-6,
        f"`v` is not the top eigenvector ({what}): |<v, q1>| = {overlap:.8f}, needs at least 0.999999. Did the loop run all n_iter steps?",
    )
    resid = float((A @ v - lam * v).norm())
    expect(resid <= 1e-5 * lam1, f"‖Av − λv‖ = {resid:.3g} is too large ({what}).")


@test("the worked example: [[2, 1], [1, 2]] has top eigenvalue 3, direction (1, 1)")
def worked_example():
    A = torch.tensor([[2.0, 1.0], [1.0, 2.0]], **F64)
    check_result(A, learner.power_iteration(A), "the worked example")


@test("random PSD 6 x 6 with eigenvalues 5, 3, 2, 1, 0.5, 0")
def random_psd():
    A = psd_with_spectrum([5.0, 3.0, 2.0, 1.0, 0.5, 0.0])
    check_result(A, learner.power_iteration(A), "eigenvalues 5, 3, 2, 1, 0.5, 0")


@test("a narrow gap: 9 x 9 with lambda_2 / lambda_1 = 0.8")
def narrow_gap():
    A = psd_with_spectrum([10.0, 8.0, 7.9, 5.0, 4.0, 3.0, 2.0, 1.0, 0.1])
    check_result(A, learner.power_iteration(A), "lambda_2/lambda_1 = 0.8")


@test("large eigenvalues: 4 x 4 with lambda_1 = 1500 (A^500 x overflows without normalising)")
def large():
    A = psd_with_spectrum([1500.0, 700.0, 300.0, 20.0])
    check_result(A, learner.power_iteration(A), "lambda_1 = 1500")


@test("small eigenvalues: 5 x 5 with lambda_1 = 0.002 (A^500 x underflows to 0 without normalising)")
def small():
    A = psd_with_spectrum([2e-3, 1e-3, 5e-4, 1e-4, 0.0])
    check_result(A, learner.power_iteration(A), "lambda_1 = 0.002")


@test("a diagonal matrix whose top eigenvector is the last axis (7 x 7)")
def diagonal():
    A = torch.diag(torch.tensor([1.0, 2.0, 0.5, 3.0, 0.0, 1.5, 4.0], **F64))
    check_result(A, learner.power_iteration(A), "diag(1, 2, 0.5, 3, 0, 1.5, 4)")


@test("a very narrow gap needs more steps: 6 x 6 with lambda_2 / lambda_1 = 0.99, called with n_iter=3000")
def more_steps():
    A = psd_with_spectrum([10.0, 9.9, 5.0, 2.0, 1.0, 0.5])  # 0.99^500 ≈ 7e-3: 500 steps are not enough here
    check_result(A, learner.power_iteration(A, n_iter=3000), "lambda_2/lambda_1 = 0.99, n_iter=3000")
