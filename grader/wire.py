"""Plain data across the checker/learner boundary; messages are framed by grader.framing.

Only tensors, numbers, strings, booleans, None and lists/tuples/dicts of these cross. No pickle:
unpickling learner-made bytes would run learner-chosen code in the checker. Anything else the
learner returns arrives as an Opaque description, which checks treat as a wrong answer.
"""

import base64
import hashlib

import torch

from grader.framing import MAX_MESSAGE_BYTES, frame, recv, send, take_frame  # noqa: F401  (re-exported)


class Opaque:
    """A value that is not plain data, described by its type name and a short repr."""

    def __init__(self, type_name: str, text: str):
        self.type_name, self.text = type_name, text

    def __repr__(self):
        return f"<{self.type_name}: {self.text}>"


def encode(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, torch.Tensor):
        return {"__tensor__": _tensor_fields(value)}
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, Opaque):
        return {"__opaque__": [value.type_name, value.text]}
    if hasattr(value, "__remote_source__"):  # a check's @remote function: sent as source
        return {"__function__": [value.__name__, value.__remote_source__]}
    return {"__opaque__": [type(value).__name__, short_repr(value)]}


class Digest:
    """A tensor as its fingerprint (dtype, shape, sha256 of its bytes): how the learner's process sends
    back arguments after a call, so that a large input costs a hash, not a copy, to check for changes."""

    def __init__(self, dtype: str, shape: list, sha: str):
        self.dtype, self.shape, self.sha = dtype, list(shape), sha

    def matches(self, t: torch.Tensor) -> bool:
        return [self.dtype, self.shape, self.sha] == tensor_digest(t)


def tensor_digest(t: torch.Tensor) -> list:
    """[dtype, shape, sha256 of the values' bytes in order]: bitwise, so NaN equals NaN and -0.0 is not 0.0."""
    flat = t.detach().to("cpu").reshape(-1).contiguous()
    raw = flat.view(torch.uint8).numpy().tobytes() if flat.numel() else b""
    return [str(t.dtype).removeprefix("torch."), list(t.shape), hashlib.sha256(raw).hexdigest()]


def fingerprint(value):
    """Like encode, with every tensor replaced by its digest."""
    if isinstance(value, torch.Tensor):
        return {"__digest__": tensor_digest(value)}
    if isinstance(value, tuple):
        return {"__tuple__": [fingerprint(v) for v in value]}
    if isinstance(value, list):
        return [fingerprint(v) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[encode(k), fingerprint(v)] for k, v in value.items()]}
    return encode(value)


def decode(data, functions: dict | None = None):
    """`functions` is the namespace that @remote functions are compiled in: given only on the
    learner's side. The checker never compiles code that came from the learner."""
    if isinstance(data, list):
        return [decode(v, functions) for v in data]
    if not isinstance(data, dict):
        return data
    if "__tensor__" in data:
        return _tensor_from(data["__tensor__"])
    if "__digest__" in data:
        dtype, shape, sha = data["__digest__"]
        return Digest(str(dtype), list(shape), str(sha))
    if "__tuple__" in data:
        return tuple(decode(v, functions) for v in data["__tuple__"])
    if "__dict__" in data:
        return {decode(k, functions): decode(v, functions) for k, v in data["__dict__"]}
    if "__opaque__" in data:
        return Opaque(*data["__opaque__"])
    if "__function__" in data and functions is not None:
        name, source = data["__function__"]
        return compile_function(name, source, functions)
    raise ValueError(f"unknown wire value: {sorted(data)[:3]}")


def compile_function(name: str, source: str, namespace: dict):
    """Define a function from its source, seeing (a copy of) `namespace` as its globals."""
    scope = dict(namespace)
    exec(compile(source, f"<check: {name}>", "exec"), scope)
    return scope[name]


def _tensor_fields(t: torch.Tensor) -> dict:
    requires_grad = t.requires_grad  # read before detaching: detach() always clears it
    t = t.detach().to("cpu")
    offset = t.storage_offset()
    strided = (not t.is_contiguous() or offset > 0) and t.numel() > 0
    if strided:  # keep the layout (a transposed, expanded or sliced view): send the storage span it reads
        span = 1 + sum((size - 1) * step for size, step in zip(t.shape, t.stride()))
        flat = t.as_strided((span,), (1,), offset).clone()
    else:  # reshape may give odd strides on size-1 axes; a fresh copy can always be byte-viewed
        flat = t.reshape(-1).clone(memory_format=torch.contiguous_format)
    raw = flat.view(torch.uint8).numpy().tobytes() if flat.numel() else b""
    return {
        "dtype": str(t.dtype).removeprefix("torch."),
        "shape": list(t.shape),
        "stride": list(t.stride()) if strided else None,
        "offset": offset if strided else 0,
        "device": str(t.device),
        "requires_grad": requires_grad,
        "data": base64.b64encode(raw).decode("ascii"),
    }


# A view's storage offset is rebuilt by padding in front of its data: kept only up to this many
# bytes of padding, so that a value cannot make the checker allocate without bound.
MAX_OFFSET_PADDING_BYTES = 16 * 1024 * 1024


def _tensor_from(f: dict) -> torch.Tensor:
    dtype = getattr(torch, f["dtype"])
    assert isinstance(dtype, torch.dtype), f["dtype"]
    raw = bytearray(base64.b64decode(f["data"]))
    if raw:
        flat = torch.frombuffer(raw, dtype=torch.uint8).view(dtype)
        stride, offset = f.get("stride"), f.get("offset") or 0
        if stride and 0 < offset * flat.element_size() <= MAX_OFFSET_PADDING_BYTES:
            flat = torch.cat([torch.zeros(offset, dtype=dtype), flat])
        else:
            offset = 0
        t = flat.as_strided(f["shape"], stride, offset) if stride else flat.reshape(f["shape"])
    else:
        t = torch.empty(f["shape"], dtype=dtype)
    if f["device"] != "cpu" and torch.cuda.is_available():
        t = t.to(f["device"])
    grad = f["requires_grad"] is True and (t.is_floating_point() or t.is_complex())
    return t.requires_grad_(grad)


def short_repr(value, limit=200) -> str:
    try:
        text = repr(value)
    except Exception as e:  # a learner's __repr__ may raise
        text = f"(repr failed: {type(e).__name__})"
    return text if len(text) <= limit else text[:limit] + "…"
