"""Two Vec2 with the same components are not ==: a plain class compares identity. Define __eq__ (or use @dataclass, which also writes the repr)."""


class Vec2:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, other):
        return Vec2(self.x + other.x, self.y + other.y)

    def __radd__(self, other):
        return self if other == 0 else NotImplemented

    def __sub__(self, other):
        return Vec2(self.x - other.x, self.y - other.y)

    def __neg__(self):
        return Vec2(-self.x, -self.y)

    def __mul__(self, k):
        return Vec2(k * self.x, k * self.y)

    __rmul__ = __mul__

    def __repr__(self):
        return f"Vec2(x={self.x}, y={self.y})"
