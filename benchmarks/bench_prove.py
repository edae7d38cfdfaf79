"""Benchmark: ``gametheory prove`` (every proposition), end to end through the command line.

Timed for each number of worker processes asked (default: 1 and the number of cores):

* wall-clock time of the whole command (start, import, solve each model once per worker, prove,
  print), and the CPU time of the command and its workers (``RUSAGE_CHILDREN``);
* each proposition's own time, read from the certificates (``--format json``);
* the verdicts, which must not depend on the number of workers.

The load of the machine is printed with the results: on a busy machine the wall-clock time
says little, the CPU time more.

Run: ``python benchmarks/bench_prove.py [--jobs 1 2] [--repeat 1] [NAME ...]``; prints a
Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time


def run(names: list[str], jobs: int) -> tuple[float, float, dict, int]:
    """One ``gametheory prove --format json --jobs N``: (wall s, CPU s, name -> (status, s),
    exit code)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "gametheory", "prove", *names, "--format",
                           "json", "--jobs", str(jobs)], capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"gametheory prove failed ({done.returncode}): {done.stderr.strip()}")
    data = json.loads(done.stdout)
    verdicts = {p["name"]: (p["status"], p["seconds"]) for p in data["propositions"]}
    return wall, cpu, verdicts, done.returncode


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="propositions (default: all)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting (best kept)")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    print(f"cores: {os.cpu_count()}, load average (1 min): {load:.1f}\n")
    print("| workers | wall s (best) | CPU s | exit | verdicts |")
    print("|---|---|---|---|---|")
    seen, per = {}, {}
    for jobs in dict.fromkeys(args.jobs):
        best = None
        for _ in range(args.repeat):
            wall, cpu, verdicts, code = run(args.names, jobs)
            if best is None or wall < best[0]:
                best = (wall, cpu, verdicts, code)
        wall, cpu, verdicts, code = best
        statuses = {n: s for n, (s, _) in verdicts.items()}
        counts = {s: list(statuses.values()).count(s) for s in dict.fromkeys(statuses.values())}
        print(f"| {jobs} | {wall:.2f} | {cpu:.2f} | {code} | "
              + ", ".join(f"{k} {v}" for k, v in counts.items()) + " |")
        if seen and statuses != seen:
            print(f"\nverdicts differ between runs: {seen} vs {statuses}")
            return 1
        seen, per = statuses, verdicts
    print("\n| proposition | status | seconds (last setting) |\n|---|---|---|")
    for name, (status, seconds) in sorted(per.items(), key=lambda kv: -kv[1][1]):
        print(f"| {name} | {status} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
