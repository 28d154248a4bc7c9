import optimizer_checks

# (positional arguments after params, keyword arguments): each optional argument is varied on its own, by
# keyword and by position, defaults included, so an implementation that ignores one, has a wrong default, or
# reads them in the wrong order, fails.
CONFIGS = [
    ((), {}),
    ((), dict(lr=0.01)),
    ((), dict(lr=0.02, betas=(0.8, 0.99))),
    ((), dict(lr=0.01, betas=(0.9, 0.9))),
    ((), dict(lr=0.01, weight_decay=0.1)),
    ((), dict(lr=0.05, eps=1e-3)),
    ((0.03, (0.7, 0.95), 1e-4, 0.02), {}),
]

optimizer_checks.add_tests("Adam", ("lr", "betas", "eps", "weight_decay"), CONFIGS, dict(lr=0.01, weight_decay=0.1))
