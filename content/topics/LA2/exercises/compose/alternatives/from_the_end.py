def compose(maps):
    # The same product built from the other end: M_last @ ... @ M_1 @ M_0.
    result = maps[-1].clone()
    for M in reversed(maps[:-1]):
        result = result @ M
    return result
