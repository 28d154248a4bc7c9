class Vec2:
    """A 2-D vector written by hand, without dataclasses."""

    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Vec2(x={self.x!r}, y={self.y!r})"

    def __eq__(self, other):
        if not isinstance(other, Vec2):
            return False
        return (self.x, self.y) == (other.x, other.y)

    def __add__(self, other):
        return Vec2(self.x + other.x, self.y + other.y)

    def __radd__(self, other):
        # sum() starts from the integer 0
        if other == 0:
            return Vec2(self.x, self.y)
        raise TypeError(f"cannot add {type(other).__name__} and Vec2")

    def __neg__(self):
        return Vec2(-self.x, -self.y)

    def __sub__(self, other):
        return self + (-other)

    def __mul__(self, k):
        return Vec2(self.x * k, self.y * k)

    def __rmul__(self, k):
        return self * k
