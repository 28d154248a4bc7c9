"""The grader: runs untrusted learner code against trusted checks and reports a verdict.

Importable without Django. The pieces:
- protocol: the Job sent to a sandbox and the Result that comes back, as JSON.
- framing: the one length-prefixed framing of every channel; wire: plain-data encoding (tensors,
  numbers, strings; never pickle) across the checker/learner boundary.
- zygote: the sandbox's long-lived process, which forks the checker and each job's learner.
- harness: runs inside the sandbox; the checker (trusted) and the learner (untrusted) in two processes.
- learner_runtime: what runs in the learner's process.
- checks, compare: helpers for content authors writing check.py.
- backends: where the zygote runs: sandbox containers (docker, for deployments) or local
  subprocesses (process: not a security boundary; laptops, content validation, tests).
"""
