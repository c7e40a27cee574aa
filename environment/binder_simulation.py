"""Simulate what Binder (repo2docker) does with binder/, and check that the result runs a notebook.

repo2docker builds an image from binder/environment.yml (conda-forge JDK 17, Maven, Python and the
pinned Jupyter stack under `pip:`), then runs binder/postBuild from the repository root. Conda and
Docker are not available to CI, so this simulation:

1. checks that binder/environment.yml is exactly what environment/requirements.txt generates
   (one pinned list: no drift);
2. copies the repository's files (what a clone has: git-tracked and new, not ignored) to OUT/repo;
3. makes a fresh virtual environment OUT/env and installs into it the `pip:` pins read from the
   copy's binder/environment.yml, resolving their dependencies as conda's pip step does;
   the conda part is stood in for by this machine's python and JDK, whose versions are compared
   with the environment file's pins (a mismatch is reported, not fatal);
4. runs the copy's binder/postBuild with that environment first on PATH (so sys.prefix is the
   environment's, as in the image), with an empty Jupyter data directory: the user's own kernels
   cannot stand in for the one postBuild installs;
5. checks that the "glassy" kernelspec resolves inside the environment and points at the copy's
   jars;
6. executes notebooks/01-pspin-relaxation.ipynb with that kernel as on Binder (BINDER_LAUNCH_HOST set,
   nothing injected: it must switch itself to QUICK) under Binder's limits, one CPU and 2 GB
   (environment/binder_limits.py), and fails if it takes over 2 minutes or 1.5 GB.

Usage: python3 environment/binder_simulation.py [--out build/binder-sim]      (`make test-binder`)
"""
import argparse
import json
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "environment"))
import binder_env  # noqa: E402  (same folder)

NOTEBOOK = "notebooks/01-pspin-relaxation.ipynb"


def run(cmd, **kwargs):
    print("+ " + " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def copy_repository(dest):
    """The files a fresh clone of the working tree would have (tracked or new, not ignored)."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    if dest.exists():
        shutil.rmtree(dest)
    count = 0
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
            count += 1
    return count


def java_major():
    out = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    version = out.split('"')[1] if '"' in out else "0"
    return version.split(".")[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "binder-sim")
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    timings = {}
    started = time.time()

    # 1. one pinned list
    run([sys.executable, ROOT / "environment" / "binder_env.py", "--check"])

    # 2. the repository as repo2docker sees it
    repo = out / "repo"
    print(f"copied {copy_repository(repo)} files to {repo}")
    environment_yml = (repo / "binder" / "environment.yml").read_text()
    if (repo / "binder" / "Dockerfile").exists():
        sys.exit("binder/Dockerfile exists: repo2docker would ignore environment.yml and postBuild")

    # 3. the environment: conda's part stood in for by this machine, pip's part installed fresh
    wanted_python = binder_env.conda_pin(environment_yml, "python")
    wanted_java = binder_env.conda_pin(environment_yml, "openjdk")
    have_python = ".".join(platform.python_version_tuple()[:2])
    have_java = java_major()
    print(f"environment.yml: python={wanted_python}, openjdk={wanted_java}; standing in: python {have_python}, "
          f"JDK {have_java}")
    if have_python != wanted_python or have_java != wanted_java:
        print("WARNING: this machine's python/JDK differ from binder/environment.yml's pins", file=sys.stderr)
    t = time.time()
    env = out / "env"
    if env.exists():
        shutil.rmtree(env)
    run([sys.executable, "-m", "venv", env])
    pins = out / "pip-pins.txt"
    pins.write_text("\n".join(binder_env.pip_pins(environment_yml)) + "\n")
    run([env / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", pins])
    timings["environment"] = time.time() - t

    # 4. postBuild, inside the environment, with no kernels but the environment's own
    variables = dict(os.environ, PATH=f"{env / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}", VIRTUAL_ENV=str(env),
                     JUPYTER_DATA_DIR=str(out / "jupyter-data"), JUPYTER_CONFIG_DIR=str(out / "jupyter-config"))
    variables.pop("JUPYTER_PATH", None)
    t = time.time()
    run([repo / "binder" / "postBuild"], cwd=repo, env=variables)
    timings["postBuild"] = time.time() - t

    # 5. the kernel it installed, and a notebook run with it
    specs = json.loads(subprocess.run([env / "bin" / "jupyter", "kernelspec", "list", "--json"], env=variables,
                                      capture_output=True, text=True, check=True).stdout)["kernelspecs"]
    glassy = specs.get("glassy")
    if glassy is None:
        sys.exit(f"postBuild installed no 'glassy' kernel (kernels: {sorted(specs)})")
    if not pathlib.Path(glassy["resource_dir"]).resolve().is_relative_to(env):
        sys.exit(f"the 'glassy' kernel is not in the environment's prefix: {glassy['resource_dir']}")
    classpath = glassy["spec"]["env"]["JJAVA_CLASSPATH"].split(":")
    if not all(pathlib.Path(p).is_relative_to(repo / "target") and pathlib.Path(p).is_file() for p in classpath):
        sys.exit(f"the kernel's classpath is not the postBuild's build: {classpath[:3]}...")
    print(f"kernel 'glassy' ({glassy['spec']['display_name']}) in {glassy['resource_dir']}, {len(classpath)} jars")
    # 6. a notebook run with that kernel as a student on Binder runs it: not told QUICK (it must choose it by
    #    itself), one CPU, 2 GB (environment/binder_limits.py), within the budget binder/README.md states:
    #    2 minutes, 1.5 GB
    t = time.time()
    run([env / "bin" / "python", repo / "environment" / "binder_limits.py", "--check", "--out", out / "limits",
         repo / NOTEBOOK], cwd=repo, env=variables)
    timings["notebook"] = time.time() - t
    timings["total"] = time.time() - started
    summary = ", ".join(f"{k} {v:.0f} s" for k, v in timings.items())
    (out / "timings.json").write_text(json.dumps({k: round(v, 1) for k, v in timings.items()}, indent=2) + "\n")
    print(f"Binder simulation: ok ({summary})")


if __name__ == "__main__":
    main()
