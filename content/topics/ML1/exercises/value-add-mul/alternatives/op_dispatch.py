class Value:
    """No closures: each node records its operation, and backward() dispatches on it."""

    def __init__(self, data, op=None, a=None, b=None):
        self.data = float(data)
        self.grad = 0.0
        self.op, self.a, self.b = op, a, b

    @staticmethod
    def lift(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value.lift(other)
        return Value(self.data + other.data, "+", self, other)

    def __radd__(self, other):
        return Value.lift(other) + self

    def __mul__(self, other):
        other = Value.lift(other)
        return Value(self.data * other.data, "*", self, other)

    def __rmul__(self, other):
        return Value.lift(other) * self

    def _inputs(self):
        return [n for n in (self.a, self.b) if n is not None]

    def backward(self):
        topo, visited = [], set()
        stack = [(self, iter(self._inputs()))]
        visited.add(id(self))
        while stack:  # iterative post-order depth-first search
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                topo.append(node)
                stack.pop()
            elif id(child) not in visited:
                visited.add(id(child))
                stack.append((child, iter(child._inputs())))
        for node in topo:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(topo):
            if node.op == "+":
                node.a.grad += node.grad
                node.b.grad += node.grad
            elif node.op == "*":
                node.a.grad += node.b.data * node.grad
                node.b.grad += node.a.data * node.grad
