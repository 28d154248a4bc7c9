import torch
from grader.checks import test, learner, expect, expect_equal, expect_tensor, rand, remote


def ref_windows(x, k):
    n = x.shape[0]
    return torch.tensor([[x[i + j].item() for j in range(k)] for i in range(n - k + 1)], dtype=x.dtype)


def check_view(x, k):
    got = learner.sliding_view(x, k)
    expect_tensor(got, ref_windows(x, k), dims="(n - k + 1, k)", exact=True)
    s = x.stride(0)
    expect(
        tuple(got.stride()) == (s, s),
        f"`sliding_view` returned the right numbers with strides {tuple(got.stride())}; a view of x "
        f"(whose stride is {s}) needs strides ({s}, {s}), so it looks like the windows were copied "
        f"or built with the wrong strides. Use x.as_strided((n - k + 1, k), (s, s)) with s = x.stride(0).",
        got_stride=list(got.stride()),
    )


@test("contiguous_strides: (2, 3, 4), (5,), (), (3, 1, 7, 2) agree with torch")
def strides_cases():
    for shape in [(2, 3, 4), (5,), (), (3, 1, 7, 2)]:
        expect_equal(learner.contiguous_strides(shape), tuple(torch.empty(shape).stride()))


@test("sliding_view: the worked example, arange(6.) with k = 3, strides (1, 1)")
def view_example():
    check_view(torch.arange(6.0), 3)


@test("sliding_view: random float64 of length 9 with k = 4, and k = n = 5 (one window)")
def view_random():
    check_view(rand(9), 4)
    x = rand(5)
    expect_tensor(learner.sliding_view(x, 5), x[None, :], dims="(1, k)", exact=True)


@test("sliding_view: a non-contiguous x (every other element of a longer tensor), k = 3")
def view_strided():
    base = rand(16)
    check_view(base[1::2], 3)


@remote
def view_of_a_slice(base, k):
    # Runs in the learner's process, so x keeps its storage offset and shares base's memory.
    x = base[3::2]
    w = sliding_view(x, k)
    same_memory = w.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
    return w, same_memory, w.storage_offset() - x.storage_offset()


@test("sliding_view: x = base[3::2] (it starts 3 elements into its storage), k = 4: a view of x's memory")
def view_of_slice():
    base = rand(20)
    w, same_memory, offset = learner.run(view_of_a_slice, base, 4)
    expect(same_memory, "`sliding_view` returned a copy: the windows must share x's memory (as_strided on x).")
    expect(
        offset == 0,
        f"Your view starts {offset:+d} elements away from x's first element: x is a slice that "
        "starts inside a bigger storage; keep x's storage offset (as_strided does when you give none).",
    )
    expect_tensor(w, ref_windows(base[3::2], 4), name="sliding_view(base[3::2], 4)", dims="(n - k + 1, k)", exact=True)
