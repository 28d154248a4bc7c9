from grader.checks import test, learner, expect_equal, remote


@remote
def interleave(starts, pattern):
    counters = [make_counter(s) for s in starts]
    return [counters[i]() for i in pattern]


@remote
def default_start(n_calls):
    count = make_counter()
    return [count() for _ in range(n_calls)]


def expected(starts, pattern):
    state, out = list(starts), []
    for i in pattern:
        out.append(state[i])
        state[i] += 1
    return out


@test("make_counter() counts 0, 1, 2, 3, 4")
def defaults():
    expect_equal(learner.run(default_start, 5), [0, 1, 2, 3, 4], name="five calls of make_counter()")


@test("the worked example: two counters (0 and 10), calls interleaved")
def worked():
    starts, pattern = [0, 10], [0, 0, 1, 0, 1]
    expect_equal(learner.run(interleave, starts, pattern), expected(starts, pattern), name="[a(), a(), b(), a(), b()]")


@test("three counters starting at -3, 7 and 7, called in an irregular order")
def three():
    starts, pattern = [-3, 7, 7], [2, 2, 0, 1, 2, 0, 0, 1, 2, 1]
    expect_equal(learner.run(interleave, starts, pattern), expected(starts, pattern), name="calls of three counters")


@test("a fresh counter starts again at its own start, after others were used")
def fresh():
    expect_equal(learner.run(default_start, 3), [0, 1, 2], name="three calls of a new make_counter()")
