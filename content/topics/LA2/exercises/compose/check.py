import torch
from grader.checks import test, learner, expect_tensor, expect, rand, remote

DIMS = "(rows of the last map, columns of the first map)"


def apply_in_order(maps, x):
    for M in maps:
        x = (M * x[None, :]).sum(-1)  # M x, written out
    return x


def reference(maps):
    # Column j of the chain's matrix is where e_j ends up.
    n = maps[0].shape[1]
    eye = torch.eye(n, dtype=maps[0].dtype)
    return torch.stack([apply_in_order(maps, eye[j]) for j in range(n)], dim=1)


@test("the worked example: rotate by 90 degrees, then stretch x")
def worked_example():
    R = torch.tensor([[0.0, -1.0], [1.0, 0.0]], dtype=torch.float64)
    S = torch.tensor([[2.0, 0.0], [0.0, 1.0]], dtype=torch.float64)
    expect_tensor(learner.compose([R, S]), reference([R, S]), dims=DIMS)


@test("two random square maps that do not commute (4 x 4)")
def two_square():
    maps = [rand(4, 4), rand(4, 4)]
    expect_tensor(learner.compose(maps), reference(maps), dims=DIMS)


@test("three random square maps (5 x 5): the order of all three matters")
def three_square():
    maps = [rand(5, 5), rand(5, 5), rand(5, 5)]
    expect_tensor(learner.compose(maps), reference(maps), dims=DIMS)


@test("rectangular chain R^6 -> R^3 -> R^7 -> R^2: result is (2, 6)")
def rectangular():
    maps = [rand(3, 6), rand(7, 3), rand(2, 7)]
    expect_tensor(learner.compose(maps), reference(maps), dims=DIMS)


@test("a single map (3 x 5) is its own composition")
def single():
    maps = [rand(3, 5)]
    expect_tensor(learner.compose(maps), reference(maps), dims=DIMS)


@test("the matrix does what the chain does to random vectors (R^4 -> R^6 -> R^5 -> R^3 -> R^2)")
def acts_like_chain():
    maps = [rand(6, 4), rand(5, 6), rand(3, 5), rand(2, 3)]
    M = learner.compose(maps)
    expect_tensor(M, reference(maps), dims=DIMS)
    for _ in range(3):
        x = rand(4)
        got, want = (M * x[None, :]).sum(-1), apply_in_order(maps, x)
        expect(
            torch.allclose(got, want, rtol=1e-10, atol=1e-12),
            f"Your matrix sends x to {got.tolist()}, but applying the maps one by one gives {want.tolist()}.",
        )


@test("float32 maps give a float32 result (R^3 -> R^4 -> R^2)")
def float32():
    maps = [rand(4, 3, dtype=torch.float32), rand(2, 4, dtype=torch.float32)]
    expected = reference([M.double() for M in maps]).float()
    expect_tensor(learner.compose(maps), expected, dims=DIMS, rtol=1e-4, atol=1e-5)


@remote
def list_after_call(maps):
    """What compose leaves behind: the caller's list (same length, same order?) and whether the result is
    one of the caller's own matrices."""
    ids = [id(M) for M in maps]
    result = compose(maps)
    same_list = [id(M) for M in maps] == ids
    is_input = any(result is M or result.untyped_storage().data_ptr() == M.untyped_storage().data_ptr() for M in maps)
    return same_list, is_input


@test("the caller's list is left as it was, and a chain of one map returns a copy, not the map itself")
def leaves_inputs_alone():
    same_list, _ = learner.run(list_after_call, [rand(3, 2), rand(4, 3), rand(2, 4)])
    expect(
        same_list,
        "`compose` changed the list it was given (reordered, emptied or shortened it, e.g. with "
        "`maps.reverse()` or `maps.pop(...)`): the caller may still need it. Walk the list without changing it "
        "(`reversed(maps)` or a slice such as `maps[::-1]` make a new order without touching theirs).",
    )
    _, is_input = learner.run(list_after_call, [rand(3, 5)])
    expect(
        not is_input,
        "`compose([M])` returned M itself (or a view of it): a caller who then changes the result "
        "in place would change M too. Return a copy (`M.clone()`).",
    )
