"""Your a - b computes b - a: subtract the other operand from self, Vec2(self.x - other.x, self.y - other.y)."""
from dataclasses import dataclass


@dataclass
class Vec2:
    x: float
    y: float

    def __add__(self, other):
        if isinstance(other, Vec2):
            return Vec2(self.x + other.x, self.y + other.y)
        return NotImplemented

    def __radd__(self, other):
        if other == 0:
            return self
        return NotImplemented

    def __sub__(self, other):
        if isinstance(other, Vec2):
            return Vec2(other.x - self.x, other.y - self.y)
        return NotImplemented

    def __neg__(self):
        return Vec2(-self.x, -self.y)

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Vec2(k * self.x, k * self.y)
        return NotImplemented

    __rmul__ = __mul__
