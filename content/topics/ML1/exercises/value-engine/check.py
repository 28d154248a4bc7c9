import math
import random

import torch
from hypothesis import Phase, given, settings, strategies as st

from grader.checks import test, learner, remote, fail, mutant_hint

# A graph is a list of leaf numbers and a program: (op, i, arg) makes the next node from node v[i] and
# either another node v[arg] (binary ops), a plain number arg (ops ending or starting in "c"), or nothing.
BINARY = ("add", "sub", "mul", "div")
OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "add_c": lambda a, c: a + c,
    "c_add": lambda a, c: c + a,
    "sub_c": lambda a, c: a - c,
    "c_sub": lambda a, c: c - a,
    "mul_c": lambda a, c: a * c,
    "c_mul": lambda a, c: c * a,
    "div_c": lambda a, c: a / c,
    "c_div": lambda a, c: c / a,
    "pow": lambda a, c: a**c,
    "neg": lambda a, _: -a,
    "tanh": lambda a, _: a.tanh(),
    "exp": lambda a, _: a.exp(),
    "relu": lambda a, _: a.relu(),
}
TEXT = {
    "add": "v{i} + v{a}",
    "sub": "v{i} - v{a}",
    "mul": "v{i} * v{a}",
    "div": "v{i} / v{a}",
    "add_c": "v{i} + {a}",
    "c_add": "{a} + v{i}",
    "sub_c": "v{i} - {a}",
    "c_sub": "{a} - v{i}",
    "mul_c": "v{i} * {a}",
    "c_mul": "{a} * v{i}",
    "div_c": "v{i} / {a}",
    "c_div": "{a} / v{i}",
    "pow": "v{i} ** {a}",
    "neg": "-v{i}",
    "tanh": "v{i}.tanh()",
    "exp": "v{i}.exp()",
    "relu": "v{i}.relu()",
}


@remote
def run_graph(leaves, program, n_backward):
    """Build the graph with your Value, call backward() on the last node n_backward times, and return
    a (2, n_nodes) tensor: row 0 the .data of every node, row 1 its .grad."""
    import torch

    ops = {
        "add": lambda a, b: a + b,
        "sub": lambda a, b: a - b,
        "mul": lambda a, b: a * b,
        "div": lambda a, b: a / b,
        "add_c": lambda a, c: a + c,
        "c_add": lambda a, c: c + a,
        "sub_c": lambda a, c: a - c,
        "c_sub": lambda a, c: c - a,
        "mul_c": lambda a, c: a * c,
        "c_mul": lambda a, c: c * a,
        "div_c": lambda a, c: a / c,
        "c_div": lambda a, c: c / a,
        "pow": lambda a, c: a**c,
        "neg": lambda a, _: -a,
        "tanh": lambda a, _: a.tanh(),
        "exp": lambda a, _: a.exp(),
        "relu": lambda a, _: a.relu(),
    }
    nodes = [Value(x) for x in leaves]
    for op, i, arg in program:
        other = nodes[arg] if op in ("add", "sub", "mul", "div") else arg
        nodes.append(ops[op](nodes[i], other))
    for _ in range(n_backward):
        nodes[-1].backward()
    return torch.tensor([[float(n.data) for n in nodes], [float(n.grad) for n in nodes]], dtype=torch.float64)


def reference(leaves, program):
    nodes = [torch.tensor(float(x), dtype=torch.float64, requires_grad=True) for x in leaves]
    for op, i, arg in program:
        other = nodes[arg] if op in BINARY else arg
        nodes.append(OPS[op](nodes[i], other))
    for n in nodes:
        if n.grad_fn is not None:
            n.retain_grad()
    nodes[-1].backward()
    grads = [0.0 if n.grad is None else n.grad.item() for n in nodes]
    return torch.tensor([[n.item() for n in nodes], grads], dtype=torch.float64)


def listing(leaves, program, limit=14):
    lines = [f"v{k} = Value({x})" for k, x in enumerate(leaves)]
    for k, (op, i, arg) in enumerate(program, start=len(leaves)):
        lines.append(f"v{k} = " + TEXT[op].format(i=i, a=arg))
    if len(lines) > limit:
        lines = lines[: limit - 2] + [f"... ({len(lines) - limit + 1} more lines)", lines[-1]]
    return "; ".join(lines)


def check_graph(leaves, program, n_backward=1, what="the graph"):
    got = learner.run(run_graph, leaves, program, n_backward)
    want = reference(leaves, program)
    graph = f" The graph: {listing(leaves, program)}; out = v{len(want[0]) - 1}."
    if not isinstance(got, torch.Tensor) or got.shape != want.shape:
        fail(f"Could not read .data and .grad as numbers from your Values ({got!r}).")
    tol = 1e-9 * max(1.0, want.abs().max().item())
    for row, name in ((0, "data"), (1, "grad")):
        bad = ((got[row] - want[row]).abs() > tol).nonzero()
        if len(bad):
            k = bad[0].item()
            after = f" after {n_backward} call{'s' if n_backward > 1 else ''} of out.backward()" if row else ""
            hint = mutant_hint(got)
            fail(
                f"In {what}, v{k}.{name}{after} is {got[row, k].item():.10g}; expected {want[row, k].item():.10g}."
                + graph
                + (" " + hint if hint else ""),
                node=k,
                field=name,
            )


SINGLE = [
    ("add", 1),
    ("sub", 1),
    ("mul", 1),
    ("div", 1),
    ("add_c", 2.5),
    ("c_add", 2.5),
    ("sub_c", 2.5),
    ("c_sub", 2.5),
    ("mul_c", -3.0),
    ("c_mul", -3.0),
    ("div_c", 4.0),
    ("c_div", 4.0),
    ("pow", 3),
    ("pow", -2),
    ("pow", 0.5),
    ("neg", None),
    ("tanh", None),
    ("exp", None),
    ("relu", None),
]


@test("each operation on its own, at a = 1.3 and b = -0.7 (relu also at a = -0.4 and at exactly 0)")
def single_ops():
    for op, arg in SINGLE:
        check_graph([1.3, -0.7], [(op, 0, arg)], what=f"`{TEXT[op].format(i=0, a=arg)}`")
    check_graph([-0.4], [("relu", 0, None)], what="`v0.relu()` at a negative input")
    # Exactly at the kink: the spec (and torch) give relu a derivative of 0 at 0.
    check_graph([0.0], [("relu", 0, None), ("mul_c", 1, 3.0)], what="`v0.relu() * 3` at exactly 0")


@test("a Value used twice: a - a, a / a, a * a")
def reuse():
    for op in ("sub", "div", "mul"):
        check_graph([1.5], [(op, 0, 0)], what=f"`{TEXT[op].format(i=0, a=0)}`")


@test("a diamond: b = a.tanh(), c = a.exp(), d = b * c; d depends on a along two paths")
def diamond():
    check_graph([0.6], [("tanh", 0, None), ("exp", 0, None), ("mul", 1, 2)], what="the diamond")


@test("calling backward() twice gives the same grads as calling it once")
def twice():
    program = [("div", 0, 1), ("tanh", 2, None), ("sub", 3, 0), ("pow", 4, 2), ("c_mul", 5, 0.5)]
    check_graph([1.2, -0.8], program, n_backward=2, what="the graph")


@test("a 200-step chain: x -> tanh(x * s + c), with random s and c")
def chain():
    rng = random.Random(torch.randint(0, 2**31, ()).item())
    program = []
    for k in range(67):
        n = len(program)
        program += [
            ("mul_c", n, round(rng.uniform(0.5, 2.5), 3)),
            ("add_c", n + 1, round(rng.uniform(-1, 1), 3)),
            ("tanh", n + 2, None),
        ]
    check_graph([0.5], program[:200], what="the chain")


def safe(op, a, b):
    """The value of op on numbers, or None where it would overflow, divide by ~0 or sit on relu's kink."""
    if op in ("div", "c_div") and abs(b if op == "div" else a) < 0.3:
        return None
    if op == "pow" and (a <= 0.1 and b != int(b) or abs(a) < 0.3 and b < 0):
        return None
    if op == "exp" and a > 3 or op == "relu" and abs(a) < 1e-3:
        return None
    value = (
        OPS[op](a, b)
        if op not in ("tanh", "exp", "relu")
        else {"tanh": math.tanh, "exp": math.exp, "relu": lambda x: max(x, 0.0)}[op](a)
    )
    return value if abs(value) <= 50 else None


def random_program(seed):
    rng = random.Random(seed)
    leaves = [round(rng.choice([-1, 1]) * rng.uniform(0.3, 2), 3) for _ in range(rng.randint(1, 4))]
    values, program = list(leaves), []
    for _ in range(rng.randint(1, 30)):
        n = len(values)
        i = n - 1 if rng.random() < 0.6 else rng.randrange(n)  # mostly extend the last node: deep graphs
        op = rng.choice(list(OPS))
        if op in BINARY:
            arg = rng.randrange(n)
        elif op == "pow":
            arg = rng.choice([2, 3, -1, -2, 0.5, 1.5])
        elif op in ("neg", "tanh", "exp", "relu"):
            arg = None
        else:
            arg = round(rng.choice([-1, 1]) * rng.uniform(0.5, 3), 2)
        value = safe(op, values[i], values[arg] if op in BINARY else arg)
        if value is not None:
            values.append(value)
            program.append((op, i, arg))
    return leaves, program


@test("random graphs (property): up to 30 operations with reuse, against torch autograd in float64")
def random_graphs():
    # No shrinking: a failing answer fails at once, instead of re-running (and re-matching mutants) for seconds.
    @settings(derandomize=True, deadline=None, database=None, max_examples=50, phases=(Phase.explicit, Phase.generate))
    @given(st.integers(0, 2**31 - 1))
    def prop(seed):
        leaves, program = random_program(seed)
        check_graph(leaves, program, what="a random graph")

    prop()
