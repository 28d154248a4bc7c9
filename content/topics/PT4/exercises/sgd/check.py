import optimizer_checks

# (positional arguments after params, keyword arguments): each optional argument is varied on its own, by
# keyword and by position, so an implementation that ignores one, or reads them in the wrong order, fails.
CONFIGS = [
    ((), dict(lr=0.1)),
    ((), dict(lr=0.1, momentum=0.9)),
    ((), dict(lr=0.05, weight_decay=0.01)),
    ((), dict(lr=0.1, momentum=0.8, weight_decay=0.05)),
    ((0.07, 0.6, 0.02), {}),
]

optimizer_checks.add_tests(
    "SGD", ("lr", "momentum", "weight_decay"), CONFIGS, dict(lr=0.1, momentum=0.9, weight_decay=0.1)
)
