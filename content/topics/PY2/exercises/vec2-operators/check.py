from hypothesis import Phase, given, settings, strategies as st

from grader.checks import test, learner, expect, expect_equal, fail, remote
from grader.learner_process import LearnerError

# Drivers only report what they observe (types, components); the expected values are computed here.


@remote
def arithmetic(ax, ay, bx, by, k):
    a, b = Vec2(ax, ay), Vec2(bx, by)
    results = [a + b, a - b, -a, a * k, k * a]
    return {
        "types": [type(r).__name__ for r in results],
        "values": [(r.x, r.y) for r in results],
        "operands after": [(a.x, a.y), (b.x, b.y)],
    }


@remote
def summed(points):
    total = sum(Vec2(x, y) for x, y in points)
    return type(total).__name__, (total.x, total.y)


@remote
def comparisons():
    return [
        Vec2(1.0, 2.0) == Vec2(1.0, 2.0),
        Vec2(1.0, 2.0) == Vec2(1.0, 3.0),
        Vec2(1.0, 2.0) == Vec2(0.0, 2.0),
        Vec2(1.0, 2.0) == (1.0, 2.0),
    ]


@remote
def representation():
    return repr(Vec2(1.5, -2.0))


def expected(ax, ay, bx, by, k):
    return {
        "types": ["Vec2"] * 5,
        "values": [(ax + bx, ay + by), (ax - bx, ay - by), (-ax, -ay), (k * ax, k * ay), (k * ax, k * ay)],
        "operands after": [(ax, ay), (bx, by)],
    }


LABELS = ["a + b", "a - b", "-a", "a * k", "k * a"]


def run(hint, driver, *args):
    try:
        return learner.run(driver, *args)
    except LearnerError as e:
        where = f" at line {e.info['line']} (`{e.info['source']}`)" if e.info.get("line") else ""
        said = f": {e.info['message']}" if e.info.get("message") else ""
        fail(f"Your Vec2 raised {e.info['type']}{where}{said}. {hint}", traceback=e.info["traceback"])


def check_arithmetic(ax, ay, bx, by, k):
    got = run(
        "This happened while computing a + b, a - b, -a, a * k and k * a. Note that k * a is tried as "
        "k.__mul__(a) first and then as a.__rmul__(k).",
        arithmetic,
        ax,
        ay,
        bx,
        by,
        k,
    )
    want = expected(ax, ay, bx, by, k)
    for i, label in enumerate(LABELS):
        expect(got["types"][i] == "Vec2", f"`{label}` gave a {got['types'][i]}, not a Vec2.")
    expect(
        got["operands after"] == want["operands after"],
        f"After computing a + b, a - b, -a, a * k and k * a, the operands are {got['operands after']} instead of "
        f"{want['operands after']}: an operator changed its operand. Return a new Vec2 instead.",
    )
    for i, label in enumerate(LABELS):
        expect(
            got["values"][i] == want["values"][i],
            f"With a = Vec2({ax}, {ay}), b = Vec2({bx}, {by}), k = {k}: `{label}` has components "
            f"{got['values'][i]}; expected {want['values'][i]}.",
        )


@test("the worked example: a = Vec2(1.0, 2.0), b = Vec2(0.5, -1.0), k = 2")
def worked():
    check_arithmetic(1.0, 2.0, 0.5, -1.0, 2)


@test("random components and a float k (property, 30 cases); operands unchanged")
def random_arithmetic():
    floats = st.floats(-1e6, 1e6, allow_nan=False)

    @settings(derandomize=True, deadline=None, database=None, max_examples=30, phases=(Phase.explicit, Phase.generate))
    @given(floats, floats, floats, floats, st.floats(-100, 100, allow_nan=False))
    def case(ax, ay, bx, by, k):
        check_arithmetic(ax, ay, bx, by, k)

    case()


@test("sum() of three vectors (it starts from 0, so 0 + v must work)")
def sums():
    points = [(1.0, 2.0), (3.5, -4.0), (-0.25, 8.0)]
    got = run(
        "sum([...]) starts from 0, so it computes 0 + v first: Python tries int.__add__, then v.__radd__(0); "
        "define __radd__ to return self when the other operand is 0.",
        summed,
        points,
    )
    expect_equal(got, ("Vec2", (4.25, 6.0)), name="sum([...])")


@test("== compares both components, and a tuple is not equal to a Vec2")
def equality():
    got = run(
        "This happened while comparing with ==; `Vec2(1.0, 2.0) == (1.0, 2.0)` must be False, so check the "
        "type of the other operand before reading its `.x`.",
        comparisons,
    )
    expect_equal(
        got, [True, False, False, False], name="[Vec2(1, 2) == Vec2(1, 2), == Vec2(1, 3), == Vec2(0, 2), == (1, 2)]"
    )


@test("repr(Vec2(1.5, -2.0)) is 'Vec2(x=1.5, y=-2.0)'")
def representation_test():
    expect_equal(learner.run(representation), "Vec2(x=1.5, y=-2.0)", name="repr(Vec2(1.5, -2.0))")
