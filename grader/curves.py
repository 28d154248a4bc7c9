"""Training curves for the learner's page: a loss per step, drawn live while the job runs and kept
with the result.

Points come from two places. A check reports a curve it holds (`checks.report_curve`, in the
checker), and a check's @remote driver, which runs in the learner's process, sends points as
training goes (`learner_runtime.curve_point`). Either way the numbers came from the learner's code,
so they are display-only and untrusted: a curve never changes a verdict, whatever it holds. The
checker keeps only plain numbers (anything else, NaN and infinities become gaps), at most MAX_CURVES
curves of at most MAX_RAW points, and shows each as at most MAX_POINTS bucket means.
"""

import math
import time

MAX_CURVES = 4
MAX_POINTS = 300  # drawn per curve: a bucket mean each when there are more steps
MAX_RAW = 100_000  # points kept per curve; later ones are dropped (a flood costs the learner, never the checker)
MAX_NAME = 40
FRAME_GAP_S = 0.2  # at most 5 live frames a second per job


def finite(value) -> float | None:
    """A plain number as a float, or None (a gap) for NaN, infinities and anything that is not a number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except (OverflowError, ValueError):  # an int too large for a float
        return None
    return number if math.isfinite(number) else None


def clean_name(name) -> str:
    if not isinstance(name, str):
        return "loss"
    return " ".join(name.split())[:MAX_NAME] or "loss"


def downsample(values: list, size: int = MAX_POINTS) -> list:
    """At most `size` points: the mean of each of `size` equal buckets; a bucket with a gap is a gap."""
    if len(values) <= size:
        return [_round(v) for v in values]
    out = []
    for i in range(size):
        bucket = values[len(values) * i // size : len(values) * (i + 1) // size]
        out.append(None if any(v is None for v in bucket) else _round(sum(bucket) / len(bucket)))
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else float(f"{value:.5g}")  # 5 significant digits: a few bytes a point


class Curves:
    """One job's curves, by name: the points so far, and the reference an author gave (floor, band)."""

    def __init__(self):
        self.curves: dict = {}
        self.last_frame = 0.0

    def _curve(self, name) -> dict | None:
        name = clean_name(name)
        if name not in self.curves and len(self.curves) < MAX_CURVES:
            self.curves[name] = {"values": [], "floor": None, "band": None, "final": False}
        return self.curves.get(name)

    def reference(self, name, floor=None, band=None) -> None:
        curve = self._curve(name)
        if curve is not None:
            curve["floor"] = finite(floor)
            low, high = (finite(b) for b in band) if isinstance(band, (list, tuple)) and len(band) == 2 else (None,) * 2
            curve["band"] = [min(low, high), max(low, high)] if low is not None and high is not None else None

    def extend(self, name, values) -> None:
        """Live points from the learner's process; ignored once the check reported the curve itself."""
        curve = self._curve(name)
        if curve is None or curve["final"] or not isinstance(values, list):
            return
        room = MAX_RAW - len(curve["values"])
        curve["values"] += [finite(v) for v in values[: max(room, 0)]]

    def replace(self, name, values) -> None:
        """The whole curve, as the check holds it once training is over."""
        curve = self._curve(name)
        if curve is not None:
            curve["values"] = [finite(v) for v in list(values)[:MAX_RAW]]
            curve["final"] = True

    def add_frame(self, frame) -> None:
        """A frame the learner's process sent: {"name": ..., "points": [...]}; anything else is ignored."""
        if isinstance(frame, dict):
            self.extend(frame.get("name"), frame.get("points"))

    def snapshot(self) -> list:
        """What pages show and results keep: [{"name", "values", "steps", "floor", "band"}]."""
        return [
            {
                "name": name,
                "values": downsample(c["values"]),
                "steps": len(c["values"]),
                "floor": c["floor"],
                "band": c["band"],
            }
            for name, c in self.curves.items()
            if c["values"]
        ]

    def due(self) -> bool:
        """Whether a live frame may go now (FRAME_GAP_S after the last one); if so, the clock restarts."""
        now = time.monotonic()
        if now - self.last_frame < FRAME_GAP_S:
            return False
        self.last_frame = now
        return True
