"""Your + changes its left operand (it updates self and returns it): operators must return a new Vec2 and leave a and b unchanged."""
from dataclasses import dataclass


@dataclass
class Vec2:
    x: float
    y: float

    def __add__(self, other):
        if isinstance(other, Vec2):
            self.x += other.x
            self.y += other.y
            return self
        return NotImplemented

    def __radd__(self, other):
        if other == 0:
            return self
        return NotImplemented

    def __sub__(self, other):
        if isinstance(other, Vec2):
            return Vec2(self.x - other.x, self.y - other.y)
        return NotImplemented

    def __neg__(self):
        return Vec2(-self.x, -self.y)

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Vec2(k * self.x, k * self.y)
        return NotImplemented

    __rmul__ = __mul__
