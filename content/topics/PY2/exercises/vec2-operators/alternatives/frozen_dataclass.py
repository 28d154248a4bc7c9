import numbers
from dataclasses import dataclass


@dataclass(frozen=True)
class Vec2:
    x: float
    y: float

    def __add__(self, other):
        if other == 0:  # lets sum() and 0 + v work from either side
            return self
        return Vec2(self.x + other.x, self.y + other.y)

    __radd__ = __add__

    def __sub__(self, other):
        return Vec2(self.x - other.x, self.y - other.y)

    def __neg__(self):
        return -1 * self

    def __mul__(self, k):
        if not isinstance(k, numbers.Real):
            return NotImplemented
        return Vec2(k * self.x, k * self.y)

    def __rmul__(self, k):
        return self.__mul__(k)
