import math


class Value:
    """A scalar that remembers how it was computed (start from your class of the previous exercise).

    Value(data): `.data` a float, `.grad` 0.0 until backward() runs. Every operation returns a new Value;
    plain numbers may appear on either side of + - * /:

        a + b, a - b, a * b, a / b, 2 + a, 2 - a, 2 * a, 2 / a, -a
        a ** n         n a plain int or float (not a Value)
        a.tanh(), a.exp(), a.relu()     relu(a) = max(a, 0); its derivative at a <= 0 is 0

    backward(): zero the grad of every Value the output depends on, set the output's grad to 1, then apply
    each node's local chain rule in reverse topological order. Reused Values accumulate (+=).
    """

    def __init__(self, data, _children=()):
        raise NotImplementedError

    def __add__(self, other):
        raise NotImplementedError

    def __mul__(self, other):
        raise NotImplementedError

    def __pow__(self, n):
        raise NotImplementedError

    def tanh(self):
        raise NotImplementedError

    def exp(self):
        raise NotImplementedError

    def relu(self):
        raise NotImplementedError

    def __neg__(self):
        raise NotImplementedError

    def __sub__(self, other):
        raise NotImplementedError

    def __truediv__(self, other):
        raise NotImplementedError

    def __radd__(self, other):
        raise NotImplementedError

    def __rsub__(self, other):
        raise NotImplementedError

    def __rmul__(self, other):
        raise NotImplementedError

    def __rtruediv__(self, other):
        raise NotImplementedError

    def backward(self):
        raise NotImplementedError
