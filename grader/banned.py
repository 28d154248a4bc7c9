"""The banned-functions rule of an exercise, in two layers.

An entry in `banned:` is either a bare name (`solve`, `matmul`, `autograd`, `@`) or a dotted path
(`torch.nn.functional.scaled_dot_product_attention`, `torch.autograd.functional`):
- a bare name bans any use whose resolved path has it as one of its parts (`torch.linalg.solve`,
  `from torch.autograd import grad`), and any attribute of that name on a value (`x.matmul(y)`);
- a dotted path bans that object and everything inside it, wherever the learner's imports
  (`import torch.nn.functional as F`, `from torch import nn`) lead to it, and only that: banning
  `torch.autograd.functional` leaves `torch.nn.functional` (F.relu) allowed;
- `@` bans the operator, its dunder methods (`a.__matmul__(b)`) and `operator.matmul`.
When anything is banned, ways to reach a name from a string are banned too (getattr or
operator.attrgetter/methodcaller with a name that is not a literal, eval, exec, importlib,
__import__, globals, vars, __dict__); a literal name is judged as if written out.

The first layer, `static_uses`, reads the learner's source in the checker: it decides the verdict,
and nothing the learner's code does at run time can undo it. The second, `RuntimeBlock`, runs in the
learner's process: a TorchFunctionMode that stops a banned torch function called from the learner's
own file (not from torch's internals or a check's driver), naming the rule.
"""

import ast
import types

import torch
from torch.overrides import TorchFunctionMode

DYNAMIC = {
    "eval",
    "exec",
    "compile",
    "__import__",
    "importlib",
    "globals",
    "vars",
    "locals",
    "__dict__",
    "__getattribute__",
    "modules",
}
MATMUL = {"__matmul__", "__rmatmul__", "__imatmul__", "matmul", "imatmul"}  # what "@" bans by name
STRING_GETTERS = {"getattr", "attrgetter", "methodcaller"}


def static_uses(code: str, banned) -> list:
    """[(what, line)] for every use of a banned entry, or of a dynamic look-up that could hide one."""
    bare = {b for b in banned if "." not in b and b != "@"}
    dotted = [tuple(b.split(".")) for b in banned if "." in b]
    if "@" in banned:
        bare |= {n for n in MATMUL if n not in ("matmul", "imatmul")}
    tree = ast.parse(code)
    aliases = _aliases(tree)
    own = _bound_names(tree) - set(aliases)  # the learner's own functions and variables may share a name

    def hit(parts: tuple) -> bool:
        return (
            any(p in bare or p in DYNAMIC for p in parts)
            or any(parts[: len(d)] == d for d in dotted)
            or ("@" in banned and parts in (("operator", "matmul"), ("operator", "imatmul")))
        )

    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    found: list = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        if name in STRING_GETTERS and id(node) not in called:  # g = getattr; g(torch, name)
            found.append((name, line))
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.MatMult) and "@" in banned:
            found.append(("@", line))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            base = (node.module or "").split(".") if isinstance(node, ast.ImportFrom) else []
            for a in node.names:
                imported = tuple(p for p in base + a.name.split(".") if p)
                if hit(imported):
                    found.append((".".join(imported), line))
        elif isinstance(node, ast.Attribute):
            parts = _path(node, aliases)
            if parts and hit(parts):
                found.append((".".join(parts), line))
            elif not parts and (node.attr in bare or node.attr in DYNAMIC):
                found.append((ast.unparse(node), line))
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            parts = aliases.get(node.id)
            if parts and hit(parts):
                found.append((node.id if parts[-1] == node.id else f"{node.id} ({'.'.join(parts)})", line))
            elif not parts and node.id not in own and (node.id in bare or node.id in DYNAMIC):
                found.append((node.id, line))
        elif isinstance(node, ast.Call):
            found += _string_lookups(node, aliases, bare, hit)
    # torch.autograd.functional.jacobian also holds the hit torch.autograd.functional: show the longest
    kept = {u for u in found if not any(o[1] == u[1] and o[0].startswith(u[0] + ".") for o in found)}
    return sorted(kept, key=lambda u: (u[1], u[0]))


def _string_lookups(call: ast.Call, aliases: dict, bare: set, hit) -> list:
    """getattr(x, "name"), operator.attrgetter("a.b"), operator.methodcaller("name"): a literal name is
    judged as an attribute; anything else could spell a banned name and is reported."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name not in STRING_GETTERS:
        return []
    position = 1 if name == "getattr" else 0
    arg = call.args[position] if len(call.args) > position else None
    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
        return [(name, call.lineno)]
    shown = ast.unparse(call)[:80]
    names = tuple(arg.value.split(".") if name == "attrgetter" else [arg.value])
    owner = _path(call.args[0], aliases) if name == "getattr" and call.args else None
    if (owner and hit(owner + names)) or (not owner and (set(names) & (bare | DYNAMIC) or hit(names))):
        return [(shown, call.lineno)]
    return []


def _aliases(tree: ast.AST) -> dict:
    """Local name -> the dotted path it stands for, from imports and plain `F = torch.nn.functional`."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                parts = tuple(a.name.split("."))
                aliases[a.asname or parts[0]] = parts if a.asname else parts[:1]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                aliases[a.asname or a.name] = tuple(node.module.split(".")) + (a.name,)
    for node in ast.walk(tree):  # one level of assignment: F = torch.nn.functional; solve = torch.linalg.solve
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            parts = _path(node.value, aliases)
            if parts:
                aliases[node.targets[0].id] = parts
    return aliases


def _path(node: ast.AST, aliases: dict):
    """torch.nn.functional.relu as ("torch", "nn", "functional", "relu") when its root is an imported name."""
    attrs = []
    while isinstance(node, ast.Attribute):
        attrs.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name) and node.id in aliases:
        return aliases[node.id] + tuple(reversed(attrs))
    return None


def _bound_names(tree: ast.AST) -> set:
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return bound


class BannedFunction(Exception):
    """Raised in the learner's process when its code calls a banned torch function."""


class RuntimeBlock(TorchFunctionMode):
    """Stops banned torch functions called from the learner's file (`learner_file`). Calls made inside
    torch's own Python code are never seen (a mode is off while it handles a call), and calls from a
    check's @remote driver come from another file, so only the learner's own calls are stopped."""

    def __init__(self, banned, learner_file: str):
        super().__init__()
        self.learner_file, self.rules = learner_file, runtime_rules(banned)
        self.modules = self.rules.pop("modules")
        self.seen: dict = {}  # id(func) -> its rule or None: a function is judged once, then looked up

    def __torch_function__(self, func, types, args=(), kwargs=None):
        key = id(func)
        rule = self.seen.get(key, False)
        if rule is False:
            rule = self.seen[key] = self.rules.get(key) or _module_rule(func, self.modules)
        if rule and _called_from(self.learner_file):
            raise BannedFunction(f"`{_name(func)}` is not allowed in this exercise (banned: `{rule}`).")
        return func(*args, **(kwargs or {}))


def runtime_rules(banned) -> dict:
    """id(torch callable) -> the banned entry that covers it; "modules": dotted module prefix -> entry."""
    rules: dict = {}
    modules: dict = {}
    namespaces = [torch, torch.Tensor, torch.linalg, torch.nn.functional, torch.special, torch.fft]
    for entry in banned:
        names = ["matmul"] if entry == "@" else [entry] if "." not in entry else []
        for name in names:
            for space in namespaces:
                for alias in (name, "linalg_" + name, "special_" + name):
                    obj = getattr(space, alias, None)
                    if callable(obj):
                        rules[id(obj)] = entry
        if "." in entry:
            obj = _resolve(entry)
            if obj is not None and callable(obj) and not isinstance(obj, type(torch)):
                rules[id(obj)] = entry
            else:
                modules[entry] = entry
        elif isinstance(getattr(torch, entry, None), type(torch)):
            modules[f"torch.{entry}"] = entry  # a bare module name: autograd, distributions, optim
    rules["modules"] = modules
    return rules


def _module_rule(func, modules: dict):
    module = getattr(func, "__module__", None) or ""
    return next(
        (entry for prefix, entry in modules.items() if module == prefix or module.startswith(prefix + ".")), None
    )


def _resolve(path: str):
    import importlib

    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr, None)
        return obj
    return None


def _called_from(filename: str) -> bool:
    """The nearest frame outside torch's own files belongs to `filename`."""
    import sys

    frame: types.FrameType | None = sys._getframe(2)
    while frame is not None and ("/torch/" in frame.f_code.co_filename or frame.f_code.co_filename == __file__):
        frame = frame.f_back
    return frame is not None and frame.f_code.co_filename == filename


def _name(func) -> str:
    owner = getattr(func, "__objclass__", None)
    return f"Tensor.{func.__name__}" if owner is not None else getattr(func, "__name__", repr(func))
