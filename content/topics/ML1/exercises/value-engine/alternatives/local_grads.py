import math


class Value:
    """Each node stores its parents and the local derivatives; backward() multiplies along the edges."""

    def __init__(self, data, parents=(), local=()):
        self.data = float(data)
        self.grad = 0.0
        self.parents = parents
        self.local = local

    @staticmethod
    def of(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, o):
        o = Value.of(o)
        return Value(self.data + o.data, (self, o), (1.0, 1.0))

    def __mul__(self, o):
        o = Value.of(o)
        return Value(self.data * o.data, (self, o), (o.data, self.data))

    def __pow__(self, n):
        return Value(self.data ** n, (self,), (n * self.data ** (n - 1),))

    def exp(self):
        e = math.exp(self.data)
        return Value(e, (self,), (e,))

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, (self,), (1.0 - t * t,))

    def relu(self):
        return Value(max(0.0, self.data), (self,), (float(self.data > 0),))

    def __neg__(self):
        return self * -1.0

    def __sub__(self, o):
        return self + (-Value.of(o))

    def __truediv__(self, o):
        return self * Value.of(o) ** -1.0

    def __radd__(self, o):
        return Value.of(o) + self

    def __rmul__(self, o):
        return Value.of(o) * self

    def __rsub__(self, o):
        return Value.of(o) + (-self)

    def __rtruediv__(self, o):
        return Value.of(o) * self ** -1.0

    def backward(self):
        order, done = [], set()
        stack = [self]
        while stack:  # iterative post-order: push a node back until its parents are done
            node = stack[-1]
            todo = [p for p in node.parents if id(p) not in done]
            if todo:
                stack.extend(todo)
            else:
                stack.pop()
                if id(node) not in done:
                    done.add(id(node))
                    order.append(node)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for parent, d in zip(node.parents, node.local):
                parent.grad += d * node.grad
