class Value:
    """Each node keeps its inputs and the local derivative with respect to each of them."""

    def __init__(self, data, parents=(), local_grads=()):
        self.data = float(data)
        self.grad = 0.0
        self.parents = parents
        self.local_grads = local_grads

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0))

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data))

    __radd__ = __add__
    __rmul__ = __mul__

    def backward(self):
        # Kahn's algorithm: count, for each node, how many nodes in the graph use it; a node is ready to
        # pass its gradient on once every user has passed theirs to it.
        users, nodes, stack = {}, {id(self): self}, [self]
        while stack:
            node = stack.pop()
            for p in node.parents:
                users[id(p)] = users.get(id(p), 0) + 1
                if id(p) not in nodes:
                    nodes[id(p)] = p
                    stack.append(p)
        for node in nodes.values():
            node.grad = 0.0
        self.grad = 1.0
        ready = [self]
        while ready:
            node = ready.pop()
            for p, local in zip(node.parents, node.local_grads):
                p.grad += local * node.grad
                users[id(p)] -= 1
                if users[id(p)] == 0:
                    ready.append(p)
