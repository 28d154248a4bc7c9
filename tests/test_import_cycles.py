"""Imports between the platform's modules form no cycle, and apps depend on each other only in the
directions listed here: a new cycle fails this test. Function-level imports count too (they are
how a cycle hides)."""

import ast
from pathlib import Path

PLATFORM = Path(__file__).resolve().parents[1] / "platform"
# Every dependency between apps is one-way (the path pages live in learning; cohorts hands learning its
# goals through a hook). Do not add to this list.
KNOWN_APP_CYCLES: set = set()
ALLOWED_MODULE_CYCLES = {frozenset({"config", "config.celery"})}  # Celery's documented Django layout


def modules() -> dict:
    found = {}
    for path in PLATFORM.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(PLATFORM).with_suffix("").parts).removesuffix(".__init__")
        found[name] = path
    return found


def imports(name: str, path: Path, known: dict) -> set:
    out = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        out |= {t for t in targets if t in known and t != name}
    return out


def cycles(graph: dict) -> list:
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def module_graph() -> dict:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_no_module_imports_itself_through_a_cycle():
    assert set(cycles(module_graph())) <= ALLOWED_MODULE_CYCLES


def test_apps_depend_on_each_other_only_as_known():
    apps = {}
    for name, targets in module_graph().items():
        for target in targets:
            a, b = name.split(".")[0], target.split(".")[0]
            if a != b:
                apps.setdefault(a, set()).add(b)
    pairs = {frozenset({a, b}) for a, deps in apps.items() for b in deps if a in apps.get(b, set())}
    assert pairs <= KNOWN_APP_CYCLES, f"new cycles between apps: {pairs - KNOWN_APP_CYCLES}"


def test_the_cycle_finder_finds_a_cycle():  # a finder that finds nothing would pass both tests above
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset({"a", "b", "c"})]
