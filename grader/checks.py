"""Helpers for content authors: what a check.py imports.

    import torch
    from grader.checks import test, learner, expect_tensor, rand

    @test("matches torch.einsum on random inputs with distinct sizes")
    def random_inputs():
        a, b = rand(2, 3, 4), rand(2, 4, 5)
        expect_tensor(learner.batched_mm(a, b), a @ b, dims="(batch, n, m)")

Tests run in order, each after torch.manual_seed(job seed + its index). `learner.<entry point>(...)`
runs the learner's function in the learner's process; an exception there fails the test with the
learner's own line, and a changed tensor argument fails it too (use `learner.call_inplace` where
changing the input is the point). When a comparison fails, the exercise's mutants are run on the
same inputs; if one gives the learner's answer, its docstring is shown as the likely mistake.

Check code shared by several exercises lives in content/shared/<name>.py; an exercise that lists
it under `shared:` in exercise.yaml can `import <name>`. Binary files in an exercise's data/ folder
are read with `data_file(name)`.

A function decorated with `@remote` is sent as source and runs in the learner's process, seeing the
learner's names: pass it as an argument (`learner.numerical_grad(cubic, x)`), or drive the
learner's classes with it (`learner.run(build_and_backprop, 2.0)`) and compare what it returns.
"""

import ast
import inspect
import textwrap
from dataclasses import dataclass, field
from typing import Any

import torch

from grader import compare, wire
from grader.curves import Curves


class CheckFailed(AssertionError):
    def __init__(self, message: str, details: dict | None = None):
        super().__init__(message)
        self.message, self.details = message, details or {}


@dataclass
class Call:
    name: str
    args: tuple
    kwargs: dict
    value: object = None
    function: Any = None  # the @remote driver (a Remote), for learner.run
    changes: list = field(default_factory=list)  # (path, what) for each argument the call changed
    after: tuple = ()  # the positional arguments as the call left them
    aliases: list = field(default_factory=list)  # [where in the result, argument path, type] it returned itself
    state: list = field(default_factory=list)  # the learner process's global state before and after the call


class Remote:
    """A check function that also runs in the learner's process (see the module docstring)."""

    def __init__(self, fn):
        self.fn, self.__name__ = fn, fn.__name__
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
        definition = tree.body[0]
        assert isinstance(definition, ast.FunctionDef), "@remote decorates a function"
        definition.decorator_list = []
        self.__remote_source__ = ast.unparse(tree)
        self.params = list(inspect.signature(fn).parameters)

    def __call__(self, *args, **kwargs):
        return self.fn(*args, **kwargs)

    def __repr__(self):
        return f"function {self.__name__}"


def remote(fn) -> Remote:
    return Remote(fn)


def rules(*, keep_global_rng: bool = False, new_result: bool = False) -> None:
    """Rules on every later learner call of this job, beyond the default ones (inputs unchanged, no list
    or dict argument returned as the result, grad mode and default dtype left as found):
    keep_global_rng: the learner's code must not use or reseed torch's global random generator;
    new_result: returning an input tensor itself (not a new one) fails too."""
    _state.rules.update(keep_global_rng=keep_global_rng, new_result=new_result)


@dataclass
class JobState:
    tests: list = field(default_factory=list)
    process: Any = None  # a LearnerProcess
    entry_points: list = field(default_factory=list)
    params: dict = field(default_factory=dict)  # entry point -> its parameter names
    mutants: dict = field(default_factory=dict)  # mutant file -> its namespace
    device: torch.device = torch.device("cpu")
    bundle: dict = field(default_factory=dict)  # the job's check bundle, for data_file
    rules: dict = field(default_factory=dict)  # set by rules(): what every learner call must also respect
    hints_shown: set = field(default_factory=set)  # each mutant hint at most once per verdict
    curves: Curves = field(default_factory=Curves)  # report_curve's, and a driver's live points
    on_curve: Any = None  # set by the harness: called when a curve changed, to push it to the page


_state = JobState()


def job_state() -> JobState:
    """The current job's check state: the harness fills it before check.py runs and reads it after."""
    return _state


def new_job_state() -> None:
    """Forget the last job's tests, learner, mutants and curves (the harness, between jobs)."""
    global _state
    _state = JobState()


def test(name: str, points: float = 1):
    """Register a test; tests run in the order they are defined."""

    def register(fn):
        _state.tests.append((name, points, fn))
        return fn

    return register


_NO_VALUE = object()


def fail(message: str, got=_NO_VALUE, **details):
    """Fail the test. Pass `got` (the learner's value) to add inputs and a known-mistake hint."""
    if got is _NO_VALUE:
        raise CheckFailed(message, details)
    _fail_with_context(message, details, got)


def expect(condition: bool, message: str, got=_NO_VALUE, **details):
    if not condition:
        fail(message, got, **details)


def expect_raises(error: str, name: str, *args, **kwargs):
    """Call the learner's `name`, which must raise the exception named `error` (e.g. "ValueError")."""
    from grader.learner_process import LearnerError

    try:
        value = learner.call(name, *args, **kwargs)
    except LearnerError as e:
        if e.info["type"] != error:
            fail(f"`{name}` raised {e.info['type']} ({e.info['message']}); it should raise {error}.")
        return
    fail(f"`{name}` returned {compare.describe(value)}; it should raise {error}.", got=value)


def expect_tensor(
    got, expected: torch.Tensor, *, name=None, rtol=None, atol=None, exact=False, dims=None, precision=None
):
    """Strict shape, dtype and device first (never broadcast), then values within tolerance.
    precision="float32": a float64 answer computed partly in float32 is accepted (see compare.tensors)."""
    name = name or _last_name()
    problem = compare.tensors(
        got, expected, name=name, rtol=rtol, atol=atol, exact=exact, dims=dims, precision=precision
    )
    if problem:
        message, details = problem
        _fail_with_context(message, details, got=got, expected=expected, tol=(rtol, atol, exact, precision))


def expect_equal(got, expected, *, name=None):
    """Exact equality of plain values: numbers, strings, lists, dicts."""
    problem = compare.values(got, expected, name=name or _last_name())
    if problem:
        message, details = problem
        _fail_with_context(message, details, got=got, expected=expected, tol=(None, None, True, None))


def expect_arguments_used(
    name: str, args: tuple, reference, variations: dict, *, base=None, rtol=None, atol=None, dims=None
):
    """Vary each optional argument in `variations` ({"lr": [0.5, 0.05], "steps": [1, 7]}), passed by keyword with
    the others at `base` (or their defaults), and compare the learner's `name` with `reference(*args, **kwargs)`
    each time. An answer that stays the same while the reference changes fails with the argument it ignores (a
    fixed value in the loop, a config default read instead of the argument)."""
    base = dict(base or {})
    tol = (rtol, atol, False, None)
    runs: dict = {}  # param -> [(value, got, expected)]: every call first, so that an ignored argument is named first
    for param, values in variations.items():
        runs[param] = []
        for value in values:
            got = learner.call(name, *_clone(args), **{**base, param: value})
            runs[param].append((value, got, reference(*_clone(args), **{**base, param: value}), learner.last_call))
    for param, seen in runs.items():
        (v0, got0, expected0, _), *rest = seen
        for value, got, expected, _ in rest:
            if _agrees(got, got0, tol) and not _agrees(expected, expected0, tol):
                fail(
                    f"`{name}` gives the same answer with {param}={v0!r} and with {param}={value!r}; it should "
                    f"depend on `{param}`: it is ignored, or replaced by a fixed value.",
                    ignored_argument=param,
                )
    for param, seen in runs.items():
        for value, got, expected, call in seen:
            learner.last_call = call  # inputs and hints of a failure are this call's
            label = f"{name}(..., {param}={value!r})"
            if isinstance(expected, torch.Tensor):
                expect_tensor(got, expected, name=label, rtol=rtol, atol=atol, dims=dims)
            elif isinstance(expected, float) and compare.is_number(got):
                expect_tensor(
                    torch.tensor(float(got), dtype=torch.float64),
                    torch.tensor(expected, dtype=torch.float64),
                    name=label,
                    rtol=rtol,
                    atol=atol,
                )
            else:
                expect_equal(got, expected, name=label)


def rand(*shape, dtype=torch.float64, scale: float = 1.0) -> torch.Tensor:
    """Normal samples on the job's device, from the per-test seeded generator."""
    return torch.randn(shape, dtype=dtype, device=_state.device) * scale


def device() -> torch.device:
    return _state.device


def data_file(name: str) -> bytes:
    """A file from the exercise's data/ folder (a trained model's weights, say), as bytes."""
    import base64

    text = _state.bundle.get(f"data/{name}")
    if text is None:
        raise KeyError(f"data/{name} is not in this exercise's bundle")
    return base64.b64decode(text)


def report_curve(name: str = "loss", values=None, *, floor=None, band=None) -> None:
    """Show a training curve on the learner's page: drawn live while the job runs, kept with the result.

    Before training, `report_curve("loss", floor=H, band=(low, high))` gives the reference drawn with
    the curve (the best possible loss, the band an honest run ends in); the @remote driver then sends
    points as training goes (learner_runtime.curve_point, under the same name). After training,
    `report_curve("loss", losses)` sets the whole curve (what the result keeps). Display only: the
    values may be anything the learner's code produced; they are cleaned, capped and never judged."""
    if floor is not None or band is not None:
        _state.curves.reference(name, floor, band)
    if values is not None:
        try:
            _state.curves.replace(name, values)
        except Exception:  # not a sequence: nothing to draw, and never a failed check
            return
    if _state.on_curve is not None:
        _state.on_curve(force=True)


class _Learner:
    """Calls into the learner's process; attributes are the exercise's entry points."""

    last_call: Call | None = None

    def __getattr__(self, name: str):
        if name not in _state.entry_points:
            raise AttributeError(f"{name!r} is not an entry point of this exercise")
        return lambda *args, **kwargs: self.call(name, *args, **kwargs)

    def call(self, name: str, *args, **kwargs):
        value = self._call(name, args, kwargs)
        self._fail_if_changed(f"Your function `{name}`")
        return value

    def run(self, driver: Remote, *args, **kwargs):
        """Run a @remote driver in the learner's process, where it can use the learner's classes.
        Anything the driver was given that comes back changed fails the test: the learner's code
        changed an input in place."""
        assert isinstance(driver, Remote), "learner.run takes a function decorated with @remote"
        value = self._call(driver.__name__, args, kwargs, function=driver)
        self._fail_if_changed("Your code")
        return value

    def _fail_if_changed(self, who: str):
        """Judged here, against the checker's own arguments, which the learner's process never held: a
        tensor changed in place, keys added to or removed from a dict, a list emptied or grown, the input
        itself returned, grad mode or the default dtype left changed (and the global RNG, by rule)."""
        call = self.last_call
        assert call is not None, "called after a call to the learner's code"
        params = call.function.params if call.function else _state.params.get(call.name, [])
        for path, what in call.changes:
            shown = _named_path(path, params)
            if what == "tensor" and path.startswith("argument ") and "[" not in path:
                arg = shown.strip("`")
                fail(
                    f"{who} changed its input `{arg}` in place; work on a copy (for example `{arg}.clone()`).",
                    mutated_argument=arg,
                )
            if what == "tensor":
                tensors = [_named_path(p, params) for p, w in call.changes if w == "tensor"][:3]
                fail(
                    f"{who} changed a tensor it was given in place: {', '.join(tensors)}; work on a copy "
                    f"(for example `x.clone()`, or an out-of-place operation such as `x = x + y`).",
                    mutated_argument=path,
                )
            fail(
                f"{who} changed {shown}, which it was given: {what}. The caller's data must stay as it was: "
                "work on a copy (`list(xs)`, `dict(d)`) or build a new one.",
                mutated_argument=path,
            )
        for where, path, kind in call.aliases:
            if kind in ("list", "dict") or _state.rules.get("new_result"):
                shown = _named_path(path, params)
                fail(
                    f"{who} returned its input {shown} itself as {where}, not a new {kind}: a caller who "
                    f"then changes the result changes their own data too. Return a copy.",
                    aliased_argument=path,
                )
        self._fail_if_state_left(who, call.state)

    def _fail_if_state_left(self, who: str, state: list):
        if len(state) != 2 or not all(isinstance(s, dict) for s in state):
            return
        before, after = state
        if before.get("grad") is True and after.get("grad") is not True:
            fail(
                f"{who} left gradient tracking switched off (torch.set_grad_enabled(False), or torch.no_grad() "
                "not used as `with torch.no_grad():`): every caller after it would silently lose gradients."
            )
        if before.get("dtype") != after.get("dtype"):
            fail(
                f"{who} changed torch's default dtype from {before.get('dtype')} to {after.get('dtype')} and left "
                "it so: every tensor the caller makes afterwards changes dtype. Pass dtype= to your own tensors."
            )
        if _state.rules.get("keep_global_rng") and before.get("rng") != after.get("rng"):
            fail(
                f"{who} used or reseeded torch's global random generator (torch.manual_seed, or torch.rand... "
                "without generator=): this exercise asks you to draw only from the generator you are given."
            )

    def call_inplace(self, name: str, *args, **kwargs):
        """For exercises whose point is changing an input: returns (value, args as they are after)."""
        value = self._call(name, args, kwargs, full_args=True)
        assert self.last_call is not None
        return value, list(self.last_call.after)

    def _call(self, name, args, kwargs, function=None, full_args=False):
        call = self.last_call = Call(name, args, kwargs, function=function)
        reply = _state.process.call(name, args, kwargs, function=function, full_args=full_args)
        call.value = wire.decode(reply["value"])
        try:
            after, kwargs_after = wire.decode(reply["args_after"]), wire.decode(reply["kwargs_after"])
        except (KeyError, ValueError, TypeError):
            after, kwargs_after = None, None
        if not isinstance(after, list) or len(after) != len(args) or not isinstance(kwargs_after, dict):
            call.after, call.changes = tuple(args), [("the arguments", "they came back unreadable")]
        else:
            call.after = tuple(after)
            call.changes = []
            for i, (old, new) in enumerate(zip(args, after)):
                _differences(old, new, f"argument {i + 1}", call.changes)
            for key, old in kwargs.items():
                _differences(old, kwargs_after.get(key, _MISSING), key, call.changes)
        aliases = reply.get("aliases")
        call.aliases = (
            [a for a in aliases if isinstance(a, list) and len(a) == 3 and all(isinstance(x, str) for x in a)][:5]
            if isinstance(aliases, list)
            else []
        )
        call.state = reply.get("state") if isinstance(reply.get("state"), list) else []
        return call.value

    def param_name(self, name: str, index: int) -> str:
        call = self.last_call
        params = call.function.params if call and call.function else _state.params.get(name, [])
        return params[index] if index < len(params) else f"argument {index + 1}"

    def describe_inputs(self) -> str:
        call = self.last_call
        if call is None:
            return ""
        parts = [f"{self.param_name(call.name, i)} {brief(a)}" for i, a in enumerate(call.args)]
        parts += [f"{k} {brief(v)}" for k, v in call.kwargs.items()]
        return ", ".join(parts)


learner = _Learner()


_MISSING = object()


def _differences(old, new, path: str, out: list) -> None:
    """Append (path, what changed) for every place where `new` (an argument as the learner's call left it)
    differs from `old` (the checker's own copy). Functions and opaque values are not compared."""
    if len(out) >= 5:
        return
    if isinstance(old, torch.Tensor):
        if isinstance(new, wire.Digest):
            if not new.matches(old):
                out.append((path, "tensor"))
        elif not isinstance(new, torch.Tensor) or _bits_differ(old, new):
            out.append((path, "tensor"))
    elif isinstance(old, dict):
        if not isinstance(new, dict):
            out.append((path, f"it is now {compare.describe(new)}"))
            return
        added, removed = [k for k in new if k not in old], [k for k in old if k not in new]
        if added or removed:
            what = [f"the key{'s' * (len(added) > 1)} {_keys(added)} added"] if added else []
            what += [f"the key{'s' * (len(removed) > 1)} {_keys(removed)} removed"] if removed else []
            out.append((path, " and ".join(what)))
        for key in old:
            if key in new:
                _differences(old[key], new[key], f"{path}[{key!r}]", out)
    elif isinstance(old, (list, tuple)):
        if not isinstance(new, (list, tuple)):
            out.append((path, f"it is now {compare.describe(new)}"))
        elif len(new) != len(old):
            how = "emptied" if not new else "grown" if len(new) > len(old) else "shortened"
            out.append((path, f"it had {len(old)} items and has {len(new)} after the call ({how})"))
        else:
            for i, (a, b) in enumerate(zip(old, new)):
                _differences(a, b, f"{path}[{i}]", out)
    elif (old is None or isinstance(old, (bool, int, float, str))) and not _plain_equal(old, new):
        out.append((path, f"{wire.short_repr(old, 40)} became {wire.short_repr(new, 40)}"))


def _plain_equal(old, new) -> bool:
    return type(new) is type(old) and (new == old or (old != old and new != new))  # NaN stays NaN


def _bits_differ(old: torch.Tensor, new: torch.Tensor) -> bool:
    if old.shape != new.shape or old.dtype != new.dtype:
        return True
    # Bitwise, so NaN == NaN and -0.0 != 0.0.
    a, b = old.detach().contiguous().reshape(-1), new.detach().contiguous().reshape(-1)
    return not torch.equal(a.view(torch.uint8), b.view(torch.uint8))


def _keys(keys: list) -> str:
    return ", ".join(repr(k) for k in keys[:3]) + (", …" if len(keys) > 3 else "")


def _named_path(path: str, params: list) -> str:
    """ "argument 2['W_E']" as "state['W_E']", with the parameter's own name where it is known."""
    head, _, rest = path.partition("[")
    if head.startswith("argument "):
        index = int(head.split()[1]) - 1
        head = params[index] if index < len(params) else head
    return f"`{head}[{rest}`" if rest else f"`{head}`"


def brief(value) -> str:
    if isinstance(value, torch.Tensor):
        return f"{compare.shape_text(value.shape)} {str(value.dtype).removeprefix('torch.')}"
    if isinstance(value, (list, tuple)) and any(isinstance(v, torch.Tensor) for v in value):
        inner = ", ".join(brief(v).removeprefix("= ") for v in value[:3]) + (", …" if len(value) > 3 else "")
        return f"= [{inner}]"
    if isinstance(value, dict) and any(isinstance(v, torch.Tensor) for v in value.values()):
        items = list(value.items())  # a state dict, say: names and shapes, not numbers
        inner = ", ".join(f"{k} {brief(v).removeprefix('= ')}" for k, v in items[:3])
        return "= {" + inner + (f", … {len(items) - 3} more" if len(items) > 3 else "") + "}"
    return "= " + wire.short_repr(value, 40)


def _last_name() -> str:
    return learner.last_call.name if learner.last_call else "your function"


def _fail_with_context(message: str, details: dict, got, expected=_NO_VALUE, tol=(None, None, False, None)):
    inputs = learner.describe_inputs()
    if inputs:
        message += f" Inputs: {inputs}."
        details["inputs"] = inputs
    # Rounding is not a known mistake: no hint for an answer that is only float32-precise.
    hint = "" if details.get("float32_rounding") else mutant_hint(got, expected, tol=tol)
    if hint:
        message += f" {hint}"
        details["hint"] = hint
    raise CheckFailed(message, details)


def mutant_hint(got, expected=_NO_VALUE, *, tol=(None, None, False, None)) -> str:
    """If one of the exercise's known wrong answers gives the learner's answer, name that mistake.

    Matched at the check's own tolerance `tol` (rtol, atol, exact, precision), and, when `expected` is
    given, only by a mutant that is itself wrong on these inputs: a mutant that agrees with the reference
    here says nothing about the mistake. Each hint is shown at most once per verdict."""
    call = learner.last_call
    if call is None:
        return ""
    for namespace in _state.mutants.values():
        fn = _mutant_function(namespace, call)
        doc = (namespace.get("__doc__") or "").strip()
        if not callable(fn) or not doc:
            continue
        try:
            theirs = fn(*_clone(call.args), **_clone(call.kwargs))
        except (Exception, SystemExit):
            continue
        if expected is not _NO_VALUE and _agrees(theirs, expected, tol):
            continue
        if _agrees(got, theirs, tol):
            hint = doc.split("\n\n")[0].replace("\n", " ")
            if hint in _state.hints_shown:
                return ""
            _state.hints_shown.add(hint)
            return hint
    return ""


def _agrees(a, b, tol) -> bool:
    """Equal at a check's tolerance (rtol, atol, exact, precision): tensors as compare.tensors judges them."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_agrees(x, y, tol) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_agrees(a[k], b[k], tol) for k in a)
    if isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor):
        rtol, atol, exact, precision = tol
        try:
            return compare.tensors(a, b, name="", rtol=rtol, atol=atol, exact=exact, precision=precision) is None
        except RuntimeError:
            return False
    return _same(a, b)


def _mutant_function(namespace: dict, call: Call):
    if call.function is None:
        return namespace.get(call.name)
    try:  # the driver, run against the mutant's classes instead of the learner's
        return wire.compile_function(call.function.__name__, call.function.__remote_source__, namespace)
    except Exception:
        return None


def _clone(value):
    if isinstance(value, torch.Tensor):
        return value.clone()
    if isinstance(value, (list, tuple)):
        return type(value)(_clone(v) for v in value)
    if isinstance(value, dict):
        return {k: _clone(v) for k, v in value.items()}
    return value


def _same(a, b) -> bool:
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor):
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if not a.is_floating_point():
            return bool(torch.equal(a, b))
        return bool(torch.allclose(a.detach(), b.detach(), rtol=1e-6, atol=1e-9, equal_nan=True))
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:
        return False


def function_params(code: str) -> dict:
    """Parameter names of the top-level functions in the learner's code (for messages)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return {}
    return {
        node.name: [a.arg for a in node.args.posonlyargs + node.args.args]
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
