import random

import torch
from hypothesis import Phase, given, settings, strategies as st

from grader.checks import test, learner, remote, fail, mutant_hint

# A graph is a list of leaf numbers and a program: (op, i, arg) makes node v[len] from node v[i] and either
# another node v[arg] (for "add", "mul") or a plain number arg (the others). The last node is the output.
OPS = {
    "add": lambda a, b: a + b,
    "mul": lambda a, b: a * b,
    "add_c": lambda a, c: a + c,
    "c_add": lambda a, c: c + a,
    "mul_c": lambda a, c: a * c,
    "c_mul": lambda a, c: c * a,
}
TEXT = {
    "add": "v{i} + v{a}",
    "mul": "v{i} * v{a}",
    "add_c": "v{i} + {a}",
    "c_add": "{a} + v{i}",
    "mul_c": "v{i} * {a}",
    "c_mul": "{a} * v{i}",
}


@remote
def run_graph(leaves, program, n_backward):
    """Build the graph with your Value, call backward() on the last node n_backward times, and return
    a (2, n_nodes) tensor: row 0 the .data of every node, row 1 its .grad."""
    import torch

    ops = {
        "add": lambda a, b: a + b,
        "mul": lambda a, b: a * b,
        "add_c": lambda a, c: a + c,
        "c_add": lambda a, c: c + a,
        "mul_c": lambda a, c: a * c,
        "c_mul": lambda a, c: c * a,
    }
    nodes = [Value(x) for x in leaves]
    for op, i, arg in program:
        other = nodes[arg] if op in ("add", "mul") else arg
        nodes.append(ops[op](nodes[i], other))
    for _ in range(n_backward):
        nodes[-1].backward()
    return torch.tensor([[float(n.data) for n in nodes], [float(n.grad) for n in nodes]], dtype=torch.float64)


def reference(leaves, program):
    nodes = [torch.tensor(float(x), dtype=torch.float64, requires_grad=True) for x in leaves]
    for op, i, arg in program:
        other = nodes[arg] if op in ("add", "mul") else arg
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


@test("a first milestone: u = x*y + 1, v = u*x + y*y, w = v*u + 2*x at x=3, y=-2 (w = 61, dw/dx = 79, dw/dy = -58)")
def milestone():
    check_graph(
        [3.0, -2.0],
        [
            ("mul", 0, 1),
            ("add_c", 2, 1),
            ("mul", 3, 0),
            ("mul", 1, 1),
            ("add", 4, 5),
            ("mul", 6, 3),
            ("c_mul", 0, 2),
            ("add", 7, 8),
        ],
        what="the milestone expression",
    )


@test("plain numbers on either side: v + 2.5, 2.5 + v, v * -3, -3 * v")
def constants():
    for op, c in (("add_c", 2.5), ("c_add", 2.5), ("mul_c", -3.0), ("c_mul", -3.0)):
        check_graph([1.75], [(op, 0, c)], what=f"`{TEXT[op].format(i=0, a=c)}`")


@test("a Value used twice: a + a and a * a, gradient 2 and 2a")
def reuse():
    check_graph([1.5], [("add", 0, 0)], what="`a + a`")
    check_graph([-1.25], [("mul", 0, 0)], what="`a * a`")


@test("a diamond: b = a * 3, c = a + 1, d = b * c; d depends on a along two paths")
def diamond():
    check_graph([0.7], [("mul_c", 0, 3.0), ("add_c", 0, 1.0), ("mul", 1, 2)], what="the diamond")


@test("calling backward() twice gives the same grads as calling it once")
def twice():
    program = [("mul", 0, 1), ("add", 2, 0), ("mul", 3, 3), ("c_mul", 4, 0.5)]
    check_graph([1.2, -0.8], program, n_backward=2, what="the graph")


@test("a 200-step chain: x -> x * s + c, with s near 1")
def chain():
    rng = random.Random(torch.randint(0, 2**31, ()).item())
    program = []
    for k in range(100):
        program.append(("mul_c", len(program), round(rng.uniform(0.9, 1.1), 3)))
        program.append(("add_c", len(program), round(rng.uniform(-1, 1), 3)))
    check_graph([0.5], program, what="the chain")


def random_program(seed):
    rng = random.Random(seed)
    leaves = [round(rng.uniform(-2, 2), 3) for _ in range(rng.randint(1, 4))]
    values, program = list(leaves), []
    for _ in range(rng.randint(1, 30)):
        n = len(values)
        i = n - 1 if rng.random() < 0.6 else rng.randrange(n)  # mostly extend the last node: deep graphs
        op = rng.choice(list(OPS))
        arg = rng.randrange(n) if op in ("add", "mul") else round(rng.uniform(-2, 2), 2)
        value = OPS[op](values[i], values[arg] if op in ("add", "mul") else arg)
        if abs(value) > 50:
            continue
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
