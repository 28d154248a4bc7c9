import torch
from grader.checks import test, learner, expect_tensor, expect, rand

DIMS = "(d,), the same shape as v"


def reference(v, u):
    # Through the unit vector along u: proj = (v . û) û.
    unit = u / torch.linalg.vector_norm(u)
    return (v * unit).sum() * unit


@test("the worked example: v = (2, 1), u = (3, 4)")
def worked_example():
    v = torch.tensor([2.0, 1.0], dtype=torch.float64)
    u = torch.tensor([3.0, 4.0], dtype=torch.float64)
    expect_tensor(learner.project(v, u), reference(v, u), dims=DIMS)


@test("random float64, d=7, u of length about 9 (not a unit vector)")
def random_long_u():
    v, u = rand(7), rand(7) * 3.0
    expect_tensor(learner.project(v, u), reference(v, u), dims=DIMS)


@test("a short u (length about 0.01), d=5")
def short_u():
    v, u = rand(5), rand(5) * 0.004
    expect_tensor(learner.project(v, u), reference(v, u), dims=DIMS)


@test("the residual v - proj is orthogonal to u and the result is parallel to u (d=6)")
def geometry():
    v, u = rand(6), rand(6) * 2.5
    p = learner.project(v, u)
    expect_tensor(p, reference(v, u), dims=DIMS)
    r = v - p
    cos_r = float((r * u).sum() / (r.norm() * u.norm()))
    expect(
        abs(cos_r) < 1e-9,
        f"The residual v - project(v, u) should be orthogonal to u, but its cosine with u is {cos_r:.3g}.",
    )
    unit = u / u.norm()
    off_line = float((p - (p * unit).sum() * unit).norm())
    expect(
        off_line < 1e-9 * max(1.0, float(p.norm())),
        f"The result should be a multiple of u, but it is {off_line:.3g} away from the line through u.",
    )


@test("only the line matters: u, 5u and -u give the same projection (d=4)")
def line_only():
    v, u = rand(4), rand(4)
    expected = reference(v, u)
    for factor in (1.0, 5.0, -1.0):
        expect_tensor(learner.project(v, factor * u), expected, dims=DIMS)


@test("special cases: v parallel to u returns v; v orthogonal to u returns zeros (d=3)")
def special():
    u = torch.tensor([1.0, 2.0, 2.0], dtype=torch.float64)
    v = -2.5 * u
    expect_tensor(learner.project(v, u), v.clone(), dims=DIMS)
    w = torch.tensor([2.0, -1.0, 0.0], dtype=torch.float64)
    expect_tensor(learner.project(w, u), torch.zeros(3, dtype=torch.float64), dims=DIMS, atol=1e-12)


@test(
    "strided and expanded inputs: v = every other entry of a longer vector, u = (1.5, 1.5, ..., 1.5) with stride 0 (d=5)"
)
def strided():
    v = rand(10)[::2]
    u = torch.tensor(1.5, dtype=torch.float64).expand(5)
    expect_tensor(learner.project(v, u), reference(v.contiguous(), u.contiguous()), dims=DIMS)


@test("float32 input gives a float32 result (d=8)")
def float32():
    v, u = rand(8, dtype=torch.float32), rand(8, dtype=torch.float32) * 4
    expect_tensor(learner.project(v, u), reference(v.double(), u.double()).float(), dims=DIMS)
