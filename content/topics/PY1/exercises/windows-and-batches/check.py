from hypothesis import Phase, given, settings, strategies as st

from grader.checks import test, learner, expect, expect_equal, fail, remote
from grader.learner_process import LearnerError


def ref_windows(xs, k):
    out, i = [], 0
    while i + k <= len(xs):
        out.append([xs[j] for j in range(i, i + k)])
        i += 1
    return out


def ref_batched(xs, n):
    out = []
    for x in xs:
        if not out or len(out[-1]) == n:
            out.append([])
        out[-1].append(x)
    return out


def expect_value_error(name, *args):
    call = f"{name}({', '.join(repr(a) for a in args)})"
    try:
        got = getattr(learner, name)(*args)
    except LearnerError as e:
        expect(e.info["type"] == "ValueError", f"`{call}` raised {e.info['type']}; the exercise asks for ValueError.")
        return
    fail(f"`{call}` returned {got!r}; it should raise ValueError (a size of 0 or less makes no sense).")


@remote
def call_and_poke(name, xs, size):
    # Runs in the learner's process, where list identity is visible: is xs left alone, and does
    # changing a returned list leave xs alone too (no list of the result is xs itself)?
    before = list(xs)
    result = (sliding_windows if name == "sliding_windows" else batched)(xs, size)
    report = {"xs_after_call": list(xs), "aliased": any(part is xs for part in result)}
    for part in result:
        if isinstance(part, list):
            part.append("poke")
    report["xs_after_poke"] = list(xs)
    report["before"] = before
    return report


def expect_fresh_lists(name, xs, size):
    r = learner.run(call_and_poke, name, xs, size)
    expect(
        r["xs_after_call"] == r["before"],
        f"`{name}({r['before']!r}, {size})` changed the caller's list to {r['xs_after_call']!r}; leave `xs` as it "
        "was and build new lists from it.",
        got=r,
    )
    expect(
        not r["aliased"] and r["xs_after_poke"] == r["before"],
        f"`{name}({r['before']!r}, {size})` returned a list that is `xs` itself (appending to it changed `xs`); "
        "every list in the result must be a new list.",
        got=r,
    )


SETTINGS = settings(
    derandomize=True, deadline=None, database=None, max_examples=40, phases=(Phase.explicit, Phase.generate)
)


@test("sliding_windows: the worked examples (n=5, k=2; k = n; k > n)")
def windows_examples():
    expect_equal(learner.sliding_windows([1, 2, 3, 4, 5], 2), [[1, 2], [2, 3], [3, 4], [4, 5]])
    expect_equal(learner.sliding_windows([1, 2, 3], 3), [[1, 2, 3]])
    expect_equal(learner.sliding_windows([1, 2], 3), [])


@test("sliding_windows: k = 1 and an empty list")
def windows_edges():
    expect_equal(learner.sliding_windows(["a", "b", "c"], 1), [["a"], ["b"], ["c"]])
    expect_equal(learner.sliding_windows([], 2), [])


@test("sliding_windows: k = 0 and k = -1 raise ValueError")
def windows_errors():
    expect_value_error("sliding_windows", [1, 2, 3], 0)
    expect_value_error("sliding_windows", [1, 2, 3], -1)


@test("sliding_windows: random lists and window lengths (property, 40 cases)")
def windows_random():
    @SETTINGS
    @given(st.lists(st.integers(-99, 99), max_size=12), st.integers(1, 14))
    def case(xs, k):
        expect_equal(learner.sliding_windows(xs, k), ref_windows(xs, k))

    case()


@test("batched: the worked examples (a partial last batch; an exact fit)")
def batched_examples():
    expect_equal(learner.batched(list("abcdefg"), 3), [["a", "b", "c"], ["d", "e", "f"], ["g"]])
    expect_equal(learner.batched([1, 2, 3, 4], 2), [[1, 2], [3, 4]])


@test("batched: an empty list, and a batch size larger than the list")
def batched_edges():
    expect_equal(learner.batched([], 4), [])
    expect_equal(learner.batched([1, 2, 3], 10), [[1, 2, 3]])


@test("batched: n = 0 and n = -2 raise ValueError")
def batched_errors():
    expect_value_error("batched", [1, 2, 3], 0)
    expect_value_error("batched", [1, 2, 3], -2)


@test("batched: random lists; joining the batches gives xs back, all but the last have length n (property)")
def batched_random():
    @SETTINGS
    @given(st.lists(st.integers(-99, 99), max_size=25), st.integers(1, 8))
    def case(xs, n):
        got = learner.batched(xs, n)
        expect_equal(got, ref_batched(xs, n))

    case()


@test("both leave xs unchanged and return new lists: changing a result does not change xs")
def fresh_lists():
    for size in (1, 2, 3, 5):
        expect_fresh_lists("sliding_windows", [1, 2, 3], size)
        expect_fresh_lists("batched", [1, 2, 3], size)
