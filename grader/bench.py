"""Benchmark of the grader backends: `python -m grader.bench [--jobs N]`.

Against real containers, for a small check and a heavier one, it measures:
- naive: a fresh container per job that starts, imports torch and then grades (a plain `docker run`);
- fresh: the fresh pool (a warm container per job): latency with a warm container waiting, and the
  sustained rate when jobs arrive back to back (the pool's refill speed);
- default: the isolated pool (the default mode: each job in its own uid, mount and IPC namespaces),
  as many containers as cores, jobs back to back from cores + 1 clients (five times as many jobs);
- reuse: the reuse pool of three containers (cores + 1 here), jobs back to back from three clients
  (five times as many jobs);
- gvisor: the default mode under gVisor (GRADER_RUNTIME=runsc), when the engine has runsc registered
  (docs/grader-isolation.md); skipped with a note otherwise;
- process: the process backend (a local subprocess per job).
The last line printed is one JSON object: {"small": {mode: {"p50_ms", "p95_ms", "jobs_per_s"}}, "heavy": ...}.
"""

import argparse
import json
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from grader.protocol import Job, Limits

SMALL_CHECK = """
from grader.checks import test, learner, expect_tensor, rand

@test("matches a @ b")
def random_inputs():
    a, b = rand(2, 3, 4), rand(2, 4, 5)
    expect_tensor(learner.bmm(a, b), a @ b)
"""
HEAVY_CHECK = """
from grader.checks import test, learner, expect_tensor, rand

for i in range(10):
    @test(f"batch {i}")
    def random_inputs():
        a, b = rand(8, 96, 64), rand(8, 64, 80)
        expect_tensor(learner.bmm(a, b), a @ b)
"""
SOLUTION = "import torch\ndef bmm(a, b):\n    return torch.einsum('bik,bkj->bij', a, b)\n"


def job(check: str) -> Job:
    return Job(code=SOLUTION, bundle={"check.py": check}, entry_points=["bmm"], limits=Limits(wall_s=10))


def summary(latencies: list, elapsed: float) -> dict:
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "jobs_per_s": round(len(ordered) / elapsed, 2),
    }


def timed(run, the_job) -> float:
    start = time.monotonic()
    result = run(the_job)
    assert result.status == "passed", (
        result.status,
        result.message,
        [t.message for t in result.tests],
        result.stderr[-1000:],
    )
    return time.monotonic() - start


def bench_naive(check: str, n: int) -> dict:
    from grader.backends.docker import DockerBackend, SandboxContainer

    backend = DockerBackend(pool_mode="fresh", pool_size=0)

    def run(the_job):
        box = SandboxContainer(backend.client, backend.config, gpu=False)
        try:
            box.wait_ready(time.monotonic() + 120)
            box.send({"job": the_job.to_dict()})
            from grader.protocol import Result

            return Result.from_dict(box.recv(time.monotonic() + 60)["result"])
        finally:
            box.destroy()

    start = time.monotonic()
    latencies = [timed(run, job(check)) for _ in range(n)]
    backend.close()
    return summary(latencies, time.monotonic() - start)


def bench_fresh(check: str, n: int) -> dict:
    from grader.backends.docker import DockerBackend

    backend = DockerBackend(pool_mode="fresh", pool_size=2)
    latencies = []
    for _ in range(n):  # latency: each job finds a warm container
        wait_warm(backend, 1)
        latencies.append(timed(backend.run, job(check)))
    wait_warm(backend, 2)
    start = time.monotonic()  # throughput: back to back, limited by how fast the pool refills
    for _ in range(n):
        timed(backend.run, job(check))
    rate = n / (time.monotonic() - start)
    backend.close()
    return summary(latencies, 1) | {"jobs_per_s": round(rate, 2)}


def bench_default(check: str, n: int, runtime: str = "") -> dict:
    cores = os.cpu_count() or 2
    return bench_reuse(check, n, clients=cores + 1, mode="isolated", containers=cores, runtime=runtime)


def bench_gvisor(check: str, n: int) -> dict:
    import docker

    if "runsc" not in docker.from_env().info().get("Runtimes", {}):
        return {"skipped": "the Docker engine has no runsc runtime registered"}
    return bench_default(check, n, runtime="runsc")


def bench_reuse(
    check: str, n: int, clients: int = 3, mode: str = "reuse", containers: int = 0, runtime: str = ""
) -> dict:
    from grader.backends.docker import DockerBackend

    containers = containers or clients
    backend = DockerBackend(pool_mode=mode, pool_size=containers, reuse_jobs=10 * n, runtime=runtime)
    wait_warm(backend, containers)
    for _ in range(containers):
        timed(backend.run, job(check))  # the first job in each container pays for its first fork
    start = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        latencies = list(pool.map(lambda _: timed(backend.run, job(check)), range(n)))
    elapsed = time.monotonic() - start
    backend.close()
    return summary(latencies, elapsed)


def bench_process(check: str, n: int) -> dict:
    from grader.backends.process import ProcessBackend

    backend = ProcessBackend()
    start = time.monotonic()
    latencies = [timed(backend.run, job(check)) for _ in range(n)]
    return summary(latencies, time.monotonic() - start)


def wait_warm(backend, count: int, timeout: float = 120) -> None:
    pool = backend.pools[False]
    deadline = time.monotonic() + timeout
    while pool.warm.qsize() < count and time.monotonic() < deadline:
        time.sleep(0.05)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--jobs", type=int, default=20, help="jobs per mode and check (naive and process: a quarter; reuse: five times)"
    )
    parser.add_argument("--modes", default="naive,fresh,default,gvisor,reuse,process")
    args = parser.parse_args(argv)
    benches = {
        "naive": bench_naive,
        "fresh": bench_fresh,
        "default": bench_default,
        "gvisor": bench_gvisor,
        "reuse": bench_reuse,
        "process": bench_process,
    }
    out: dict = {}
    for size, check in (("small", SMALL_CHECK), ("heavy", HEAVY_CHECK)):
        out[size] = {}
        for mode in args.modes.split(","):
            # the pools are fast: more jobs, steadier rates
            n = {
                "naive": max(3, args.jobs // 4),
                "process": max(3, args.jobs // 4),
                "reuse": 5 * args.jobs,
                "default": 5 * args.jobs,
                "gvisor": args.jobs,
            }.get(mode, args.jobs)
            time.sleep(3)  # let the previous mode's containers finish going away
            out[size][mode] = benches[mode](check, n)
            print(f"{size:5} {mode:7} {json.dumps(out[size][mode])}", file=sys.stderr, flush=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
