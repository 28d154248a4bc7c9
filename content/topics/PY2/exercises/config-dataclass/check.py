from grader.checks import test, learner, expect, expect_equal, remote

# Drivers run in the learner's process and only report what they observe; the expected values are here.


@remote
def describe_fields():
    import dataclasses

    if not dataclasses.is_dataclass(Config):
        return None
    return [f.name for f in dataclasses.fields(Config)]


@remote
def observe(args, kwargs):
    c = Config(*args, **kwargs)
    return {
        "d_model": c.d_model,
        "n_heads": c.n_heads,
        "d_vocab": c.d_vocab,
        "layer_sizes": list(c.layer_sizes),
        "d_head": c.d_head,
        "d_head_type": type(c.d_head).__name__,
    }


@remote
def error_for(kwargs):
    try:
        Config(**kwargs)
    except Exception as e:
        return type(e).__name__
    return "no error"


@remote
def separate_lists():
    a, b = Config(), Config()
    a.layer_sizes.append(7)
    return list(b.layer_sizes)


@remote
def d_head_after_change():
    c = Config(d_model=48, n_heads=3)
    before = c.d_head
    c.d_model = 96
    return [before, c.d_head]


@remote
def equality():
    return [
        Config() == Config(),
        Config(32, 2, 50) == Config(d_model=32, n_heads=2, d_vocab=50),
        Config() == Config(d_vocab=101),
    ]


def expected(d_model=64, n_heads=4, d_vocab=100, layer_sizes=(64, 64)):
    return {
        "d_model": d_model,
        "n_heads": n_heads,
        "d_vocab": d_vocab,
        "layer_sizes": list(layer_sizes),
        "d_head": d_model // n_heads,
        "d_head_type": "int",
    }


@test("Config is a dataclass with the fields d_model, n_heads, d_vocab, layer_sizes, in that order")
def fields():
    names = learner.run(describe_fields)
    expect(names is not None, "`Config` is not a dataclass: decorate it with @dataclass.")
    expect_equal(names, ["d_model", "n_heads", "d_vocab", "layer_sizes"], name="the fields of Config")


@test("Config() has the defaults 64, 4, 100, [64, 64] and d_head 16 (an int)")
def defaults():
    expect_equal(learner.run(observe, [], {}), expected(), name="Config()")


@test("Config(d_model=48, n_heads=3, layer_sizes=[8, 16, 8]) has d_head 16")
def keywords():
    got = learner.run(observe, [], {"d_model": 48, "n_heads": 3, "layer_sizes": [8, 16, 8]})
    expect_equal(got, expected(48, 3, 100, [8, 16, 8]), name="Config(d_model=48, n_heads=3, ...)")


@test("Config(30, 5, 7) takes positional arguments in field order")
def positional():
    expect_equal(learner.run(observe, [30, 5, 7], {}), expected(30, 5, 7), name="Config(30, 5, 7)")


@test("d_model=50 with n_heads=4 raises ValueError; d_model=12 with n_heads=5 too")
def validation():
    for kwargs in ({"d_model": 50, "n_heads": 4}, {"d_model": 12, "n_heads": 5}):
        got = learner.run(error_for, kwargs)
        expect(
            got == "ValueError",
            f"`Config(d_model={kwargs['d_model']}, n_heads={kwargs['n_heads']})` gave {got}; it should raise "
            "ValueError, because d_model is not divisible by n_heads (use raise ValueError(...), not assert).",
        )


@test("two Config() instances do not share their layer_sizes list")
def no_shared_list():
    got = learner.run(separate_lists)
    expect(
        got == [64, 64],
        f"After `a.layer_sizes.append(7)`, a second Config() has layer_sizes {got}: the "
        "instances share one list. Use field(default_factory=lambda: [64, 64]) so each gets its own.",
    )


@test("d_head is recomputed: Config(48, 3) has d_head 16, and 32 once d_model is changed to 96")
def recomputed():
    got = learner.run(d_head_after_change)
    expect_equal(got, [16, 32], name="[d_head, d_head after changing d_model to 96]")


@test("== compares fields: Config() == Config(), and Config() != Config(d_vocab=101)")
def eq():
    expect_equal(learner.run(equality), [True, True, False], name="[Config() == Config(), ...]")
