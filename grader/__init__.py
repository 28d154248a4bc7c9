"""The grader: runs untrusted learner code against trusted checks and reports a verdict.

Importable without Django. The pieces:
- protocol: the Job sent to a sandbox and the Result that comes back, as JSON.
- wire: plain-data encoding (tensors, numbers, strings; never pickle) and message framing.
- harness: runs inside the sandbox; the checker (trusted) and the learner (untrusted) in two processes.
- learner_runtime: what runs in the learner's process.
- checks, compare: helpers for content authors writing check.py.
- backends: where the harness runs (a local process now; Docker containers later).
"""
