import math


class Value:
    """Every operation with its own derivative written out (no reuse of * and ** for - and /)."""

    def __init__(self, data, children=()):
        self.data = float(data)
        self.grad = 0.0
        self._prev = children
        self._backward = lambda: None

    def _make(self, data, children, backward):
        out = Value(data, children)
        out._backward = lambda: backward(out)
        return out

    @staticmethod
    def _v(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._v(other)

        def back(out):
            self.grad += out.grad
            other.grad += out.grad
        return self._make(self.data + other.data, (self, other), back)

    def __sub__(self, other):
        other = Value._v(other)

        def back(out):
            self.grad += out.grad
            other.grad -= out.grad
        return self._make(self.data - other.data, (self, other), back)

    def __mul__(self, other):
        other = Value._v(other)

        def back(out):
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        return self._make(self.data * other.data, (self, other), back)

    def __truediv__(self, other):
        other = Value._v(other)

        def back(out):
            self.grad += out.grad / other.data
            other.grad -= self.data / other.data ** 2 * out.grad
        return self._make(self.data / other.data, (self, other), back)

    def __pow__(self, n):
        def back(out):
            self.grad += n * self.data ** (n - 1) * out.grad
        return self._make(self.data ** n, (self,), back)

    def __neg__(self):
        def back(out):
            self.grad -= out.grad
        return self._make(-self.data, (self,), back)

    def __radd__(self, other):
        return Value._v(other) + self

    def __rsub__(self, other):
        return Value._v(other) - self

    def __rmul__(self, other):
        return Value._v(other) * self

    def __rtruediv__(self, other):
        return Value._v(other) / self

    def tanh(self):
        def back(out):
            self.grad += (1 - out.data ** 2) * out.grad
        return self._make(math.tanh(self.data), (self,), back)

    def exp(self):
        def back(out):
            self.grad += out.data * out.grad
        return self._make(math.exp(self.data), (self,), back)

    def relu(self):
        def back(out):
            if self.data > 0:
                self.grad += out.grad
        return self._make(max(self.data, 0.0), (self,), back)

    def backward(self):
        topo, seen = [], set()

        def build(v):
            if v not in seen:
                seen.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        for v in topo:
            v.grad = 0.0
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()
