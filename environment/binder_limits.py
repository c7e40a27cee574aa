"""Run notebooks as a student on Binder does, under Binder's limits, and measure time and peak memory.

A mybinder.org session has about one CPU and 1-2 GB of memory. Each notebook is executed with
`bin/run-notebooks --binder` (nothing injected, BINDER_LAUNCH_HOST set: the notebook must switch
itself to QUICK mode) under:

- one CPU: `taskset -c 0`, and `-XX:ActiveProcessorCount=1` for every JVM (JAVA_TOOL_OPTIONS), so the
  library's thread pools and the garbage collector size themselves for one core;
- 2 GB: `-XX:MaxRAM=2g` for every JVM, so the kernel's heap is the share of 2 GB that Binder's
  kernelspec asks for (binder/postBuild installs it with `--heap 70%`: -XX:MaxRAMPercentage=70, 1.4 GB),
  and, where the machine lets us create one (root, cgroup v1 or v2 memory controller), a memory
  cgroup with a 2 GB hard limit around the whole run (the notebook runner and the kernel);
- `/usr/bin/time -v` for the peak resident memory: the largest of the processes (the kernel JVM).

The kernel must be the one binder/postBuild installs (heap as a share of memory): run this with the
Python of that environment, e.g. the one `make test-binder` builds in build/binder-sim/env.

Usage:
    python environment/binder_limits.py [--out DIR] [--full] [--check] [--seconds 120] [--memory-gib 1.5] NOTEBOOK...

--full runs the full study instead (QUICK = false injected, the one switch a student flips), under the same limits.

Prints one markdown table row per notebook (`| notebook | run time | peak memory | cgroup |`), writes
DIR/limits.json, and with --check exits 1 if a notebook failed or exceeded the time or memory budget.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
LIMIT_BYTES = 2 << 30
CGROUP_V1 = pathlib.Path("/sys/fs/cgroup/memory")
CGROUP_V2 = pathlib.Path("/sys/fs/cgroup")


def make_cgroup(name):
    """A memory cgroup limited to 2 GB (swap included where the kernel accounts it), or None."""
    if os.geteuid() != 0:
        return None
    try:
        if (CGROUP_V1 / "memory.limit_in_bytes").exists():
            group = CGROUP_V1 / name
            group.mkdir(exist_ok=True)
            (group / "memory.limit_in_bytes").write_text(str(LIMIT_BYTES))
            swap = group / "memory.memsw.limit_in_bytes"
            if swap.exists():
                swap.write_text(str(LIMIT_BYTES))
            return group
        if "memory" in (CGROUP_V2 / "cgroup.controllers").read_text().split():
            group = CGROUP_V2 / name
            group.mkdir(exist_ok=True)
            (group / "memory.max").write_text(str(LIMIT_BYTES))
            (group / "memory.swap.max").write_text("0")
            return group
    except OSError as e:
        print(f"binder_limits: no memory cgroup ({e}); the 2 GB limit is the JVM's -XX:MaxRAM only", file=sys.stderr)
    return None


def remove_cgroup(group):
    if group is not None:
        try:
            group.rmdir()
        except OSError:
            pass


def run_limited(notebook, out, group, full=False):
    """Runs one notebook under the limits; returns a dict of measurements."""
    time_bin = shutil.which("time", path="/usr/bin:/bin")
    if time_bin is None:
        sys.exit("binder_limits: /usr/bin/time is missing (Debian: apt-get install time)")
    taskset = shutil.which("taskset")
    if taskset is None:
        sys.exit("binder_limits: taskset is missing (Debian: apt-get install util-linux)")
    env = dict(os.environ, JAVA_TOOL_OPTIONS="-XX:ActiveProcessorCount=1 -XX:MaxRAM=2g",
               BINDER_LAUNCH_HOST="https://binder.invalid/", BINDER_REPO_URL="https://github.com/OWNER/glassy")
    mode = [] if full else ["--binder"]  # full: QUICK = false injected, as a student who flips the switch
    command = [taskset, "-c", "0", time_bin, "-v", sys.executable, str(ROOT / "bin" / "run-notebooks"), *mode,
               "--out", str(out), str(notebook)]
    join = None
    if group is not None:
        join = lambda: (group / "cgroup.procs").write_text(str(os.getpid()))  # noqa: E731  runs in the child
    started = time.time()
    proc = subprocess.run(command, env=env, capture_output=True, text=True, preexec_fn=join, cwd=ROOT)
    wall = time.time() - started
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    ran = re.search(r": (ok|failed) in ([\d.]+) s", proc.stdout)
    return {
        "notebook": notebook.name,
        "status": "ok" if proc.returncode == 0 else "failed",
        "seconds": float(ran.group(2)) if ran else None,  # kernel start to last cell, as the site index shows
        "wall_seconds": round(wall, 1),  # the whole runner: Python start, execution, HTML export
        "peak_gib": round(int(rss.group(1)) / 2**20, 2) if rss else None,
        "cgroup": str(group) if group is not None else None,
        "log": (proc.stdout + proc.stderr)[-2000:] if proc.returncode != 0 else "",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=pathlib.Path)
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "binder-limits")
    parser.add_argument("--full", action="store_true",
                        help="the full study (QUICK = false, the student's switch) under the same limits")
    parser.add_argument("--check", action="store_true", help="exit 1 when a notebook fails or exceeds a budget")
    parser.add_argument("--seconds", type=float, default=120, help="time budget per notebook (default 120)")
    parser.add_argument("--memory-gib", type=float, default=1.5, help="peak memory budget per notebook (default 1.5)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    group = make_cgroup(f"glassy-binder-{os.getpid()}")
    results = []
    try:
        print("| notebook | run time | runner wall time | peak memory (kernel JVM RSS) | status |")
        print("|---|---|---|---|---|")
        for notebook in args.notebooks:
            r = run_limited(notebook.resolve(), args.out, group, args.full)
            over = []
            if r["status"] == "ok" and (r["seconds"] is None or r["seconds"] > args.seconds):
                over.append(f"time over {args.seconds:g} s")
            if r["status"] == "ok" and (r["peak_gib"] is None or r["peak_gib"] > args.memory_gib):
                over.append(f"memory over {args.memory_gib:g} GiB")
            r["over"] = over
            results.append(r)
            status = r["status"] + (" (" + ", ".join(over) + ")" if over else "")
            print(f"| {notebook.stem} | {r['seconds']} s | {r['wall_seconds']} s | {r['peak_gib']} GiB | {status} |",
                  flush=True)
            if r["log"]:
                print(r["log"], file=sys.stderr)
    finally:
        remove_cgroup(group)
    limits = {"cpu": "taskset -c 0, -XX:ActiveProcessorCount=1", "memory": "-XX:MaxRAM=2g"
              + (", memory cgroup 2 GiB" if group is not None else " (no cgroup)"),
              "budget": {"seconds": args.seconds, "memory_gib": args.memory_gib}}
    (args.out / "limits.json").write_text(json.dumps({"limits": limits, "notebooks": results}, indent=2) + "\n")
    bad = [r["notebook"] for r in results if r["status"] != "ok" or r["over"]]
    if args.check and bad:
        sys.exit(f"binder_limits: over Binder's limits or failed: {', '.join(bad)}")


if __name__ == "__main__":
    main()
