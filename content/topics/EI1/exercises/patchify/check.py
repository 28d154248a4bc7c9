import torch
from grader.checks import test, learner, expect_tensor, rand, remote

DIMS = "(n_patches, C*p*p)"


def reference(img, p):
    # Plain loops over patches: no einops, no reshape tricks.
    c, h, w = img.shape
    rows = []
    for r in range(h // p):
        for s in range(w // p):
            rows.append(img[:, r * p : (r + 1) * p, s * p : (s + 1) * p].flatten())
    return torch.stack(rows)


@test("the worked example: arange(16) as (1, 4, 4), p=2")
def worked_example():
    img = torch.arange(16).reshape(1, 4, 4)
    expect_tensor(learner.patchify(img, 2), reference(img, 2), dims=DIMS)


@test("random float64: C=3, H=12, W=20, p=4 (3 rows of 5 patches)")
def random_float():
    img = rand(3, 12, 20)
    expect_tensor(learner.patchify(img, 4), reference(img, 4), dims=DIMS, exact=True)


@test("integer image: C=2, H=6, W=10, p=2 (3 rows of 5 patches), exact")
def integer_image():
    img = torch.randint(0, 1000, (2, 6, 10))
    expect_tensor(learner.patchify(img, 2), reference(img, 2), dims=DIMS)


@test("uint8 image, tall: C=4, H=15, W=6, p=3 (5 rows of 2 patches)")
def uint8_tall():
    img = torch.randint(0, 256, (4, 15, 6), dtype=torch.uint8)
    expect_tensor(learner.patchify(img, 3), reference(img, 3), dims=DIMS)


@test("p=1: every pixel is a patch (C=3, H=2, W=5)")
def p_one():
    img = rand(3, 2, 5)
    expect_tensor(learner.patchify(img, 1), reference(img, 1), dims=DIMS, exact=True)


@remote
def patchify_transposed(img, p):
    # Transposed here, in the learner's process, so the function really receives a non-contiguous tensor.
    return patchify(img.transpose(1, 2), p)


@test("a non-contiguous image: the transpose of a (3, 8, 6) image, so C=3, H=6, W=8, p=2")
def non_contiguous():
    img = rand(3, 8, 6)
    expect_tensor(
        learner.run(patchify_transposed, img, 2),
        reference(img.transpose(1, 2), 2),
        dims=DIMS,
        exact=True,
        name="patchify(img.transpose(1, 2), 2)",
    )
