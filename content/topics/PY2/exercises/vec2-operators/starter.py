class Vec2:
    """A 2-D vector: Vec2(x, y); +, -, unary -, scalar * on both sides, 0 + v, ==, repr Vec2(x=.., y=..)."""

    def __init__(self, x: float, y: float):
        raise NotImplementedError
