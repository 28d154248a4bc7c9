import torch
from grader.checks import test, learner, expect, expect_tensor


def ref_entropy(p):
    terms = torch.where(p > 0, p * torch.log(torch.where(p > 0, p, torch.ones_like(p))), torch.zeros_like(p))
    return -terms.sum(dim=-1)


def ref_kl(p, q):
    safe_p = torch.where(p > 0, p, torch.ones_like(p))
    safe_q = torch.where(p > 0, q, torch.ones_like(q))
    return torch.where(p > 0, p * (torch.log(safe_p) - torch.log(safe_q)), torch.zeros_like(p)).sum(dim=-1)


def dirichlet(*shape, alpha=1.0):
    conc = torch.full(shape, alpha, dtype=torch.float64)
    return torch.distributions.Dirichlet(conc).sample()


def with_zeros(p, fraction=0.3):
    """Zero out some entries (never a whole row) and renormalise."""
    mask = torch.rand(p.shape, dtype=torch.float64) < fraction
    mask[..., 0] = False
    p = torch.where(mask, torch.zeros_like(p), p)
    return p / p.sum(dim=-1, keepdim=True)


@test("entropy: the worked example (0.5, 0.25, 0.25, 0) gives 1.5 log 2, and a one-hot gives 0")
def entropy_example():
    p = torch.tensor([[0.5, 0.25, 0.25, 0.0], [0.0, 1.0, 0.0, 0.0]], dtype=torch.float64)
    expect_tensor(learner.entropy(p), ref_entropy(p), dims="(2,), one entropy per row")


@test("entropy: random distributions without zeros, shape (3, 4, 6) -> (3, 4)")
def entropy_random():
    p = dirichlet(3, 4, 6)
    expect_tensor(learner.entropy(p), ref_entropy(p), dims="(3, 4), p without its last axis")


@test("entropy: random distributions with exact zeros (0 log 0 = 0), shape (5, 9)")
def entropy_zeros():
    p = with_zeros(dirichlet(5, 9))
    expect_tensor(learner.entropy(p), ref_entropy(p), dims="(5,)")


@test("entropy: the uniform distribution over K = 7 has the largest entropy, log 7")
def entropy_uniform():
    p = torch.full((7,), 1 / 7, dtype=torch.float64)
    expect_tensor(learner.entropy(p), ref_entropy(p), dims="() for a single distribution of shape (7,)")


@test("kl: the worked example, KL((0.5, 0.25, 0.25, 0) || uniform) = 0.3466")
def kl_example():
    p = torch.tensor([0.5, 0.25, 0.25, 0.0], dtype=torch.float64)
    q = torch.full((4,), 0.25, dtype=torch.float64)
    expect_tensor(learner.kl(p, q), ref_kl(p, q), dims="() for distributions of shape (4,)")


@test("kl: asymmetric pairs, KL(p || q) and KL(q || p) differ (shape (4, 5) -> (4,))")
def kl_asymmetric():
    p, q = dirichlet(4, 5, alpha=0.5), dirichlet(4, 5, alpha=2.0)
    expect_tensor(learner.kl(p, q), ref_kl(p, q), dims="(4,)")
    expect_tensor(learner.kl(q, p), ref_kl(q, p), dims="(4,)")


@test("kl: p with exact zeros (q positive everywhere), shape (2, 3, 8) -> (2, 3)")
def kl_zeros():
    p, q = with_zeros(dirichlet(2, 3, 8)), dirichlet(2, 3, 8)
    expect_tensor(learner.kl(p, q), ref_kl(p, q), dims="(2, 3)")


@test("kl: zeros in both p and q at the same places; KL(p || p) = 0 (shape (6, 5))")
def kl_shared_zeros():
    p = with_zeros(dirichlet(6, 5))
    q = with_zeros(p + dirichlet(6, 5) * (p > 0), fraction=0.0)
    expect_tensor(learner.kl(p, q), ref_kl(p, q), dims="(6,)")
    got = learner.kl(p, p)
    expect_tensor(got, torch.zeros(6, dtype=torch.float64), atol=1e-12, dims="(6,)")
    expect(bool((learner.kl(p, q) >= -1e-12).all()), "KL divergence is never negative; some of yours are.")
