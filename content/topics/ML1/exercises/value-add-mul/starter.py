class Value:
    """A scalar that remembers how it was computed.

    Value(data) wraps a Python number: `.data` is the number (a float), `.grad` is d(output)/d(this value),
    0.0 until backward() has run. Operations build new Values that remember their inputs:

        a = Value(3.0); b = Value(-2.0)
        c = a * b + 1        # also 1 + a * b: plain numbers work on either side of + and *
        c.backward()         # c.grad == 1, b.grad == dc/db == a.data == 3.0, a.grad == -2.0

    backward() sets the grad of every Value that `self` depends on, via the chain rule. It first sets all
    those grads to 0 (so calling it twice gives the same grads), then self.grad = 1, then visits the nodes
    so that each one is finished before the nodes it was computed from (a topological order).
    A Value used twice (a + a, or a diamond) must receive the sum of both contributions.
    """

    def __init__(self, data, _children=()):
        raise NotImplementedError

    def __add__(self, other):
        raise NotImplementedError

    def __mul__(self, other):
        raise NotImplementedError

    def __radd__(self, other):
        raise NotImplementedError

    def __rmul__(self, other):
        raise NotImplementedError

    def backward(self):
        raise NotImplementedError
