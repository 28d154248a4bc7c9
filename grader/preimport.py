"""Heavy libraries a job imports, prepared before its clock starts.

TransformerLens takes seconds of CPU to import (about 6 s here, far more on a busy machine): a TF
exercise must not charge that to the learner's time limit in every learner process. When the
learner's code or the check code imports one of HEAVY, the checker imports it for itself and has the
learner's process import it before the learner's code is loaded (so before its wall clock, CPU limit
and memory limit start), within PREPARE_S that the backend adds to the job's deadline. A zygote
started with GRADER_PRELOAD=transformer_lens imports it once for all its jobs, so this costs nothing.

No torch here: the backends use it to size a job's deadline.
"""

import re

HEAVY = ("transformer_lens", "transformers")
PREPARE_S = 60.0
_IMPORT = re.compile(r"^\s*(?:from|import)\s+(" + "|".join(HEAVY) + r")\b", re.MULTILINE)


def heavy_imports(code: str, bundle: dict) -> list:
    """The HEAVY modules imported (at any indentation) by the learner's code or the check bundle's Python."""
    sources = [code] + [text for path, text in bundle.items() if path.endswith(".py")]
    return sorted({m for text in sources if isinstance(text, str) for m in _IMPORT.findall(text)})


def allowance(job) -> float:
    """Seconds the backend adds to a job's deadline for preparing its heavy imports."""
    return PREPARE_S if heavy_imports(job.code, job.bundle) else 0.0
