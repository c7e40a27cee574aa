"""Install the "Java (Glassy)" Jupyter kernel into the running Python environment (sys.prefix).

The kernel is JJava (IJava's maintained successor, from PyPI: see docs/kernel.md). Its kernelspec
puts the built Glassy library and its runtime dependencies on the kernel's classpath
(JJAVA_CLASSPATH, absolute paths), so a notebook only needs `import org.glassy...`, no magics.

Usage: .venv/bin/python environment/install_kernel.py [--heap SIZE] ROOT
where ROOT is the repository (holding target/glassy-*.jar and target/lib/). The kernelspec goes
into sys.prefix/share/jupyter/kernels, which is what `jupyter kernelspec install --sys-prefix` does:
in .venv for `make kernel`, in the image's conda environment for Binder (binder/postBuild).
--heap is the kernel JVM's maximum heap: a size (default 6g) or a share of the machine's (or
container's) memory such as 75% (Binder, whose containers have 1-2 GB).
"""
import argparse
import json
import pathlib
import shutil
import sys

NAME = "glassy"
DISPLAY_NAME = "Java (Glassy)"


def heap_option(heap: str) -> str:
    """The JVM option for a maximum heap given as a size ("6g") or a share of memory ("75%")."""
    if heap.endswith("%"):
        return f"-XX:MaxRAMPercentage={float(heap[:-1]):g}"
    return f"-Xmx{heap}"


def main(root: pathlib.Path, heap: str = "6g") -> None:
    kernels = pathlib.Path(sys.prefix) / "share" / "jupyter" / "kernels"
    jjava = kernels / "java"
    target = kernels / NAME
    source = jjava if (jjava / "jjava.jar").exists() else target
    if not (source / "jjava.jar").exists():
        sys.exit(f"install_kernel: jjava.jar not found under {kernels} (is the jjava package installed?)")
    jars = sorted(p for p in (root / "target").glob("glassy-*.jar")
                  if not p.name.endswith(("-sources.jar", "-javadoc.jar", "-tests.jar")))
    libs = sorted((root / "target" / "lib").glob("*.jar"))
    if not jars or not libs:
        sys.exit(f"install_kernel: build the library first (./mvnw package): no jar in {root / 'target'}")
    target.mkdir(parents=True, exist_ok=True)
    if source != target:
        for f in ("jjava.jar", "jjava-launcher.jar"):
            shutil.copy2(source / f, target / f)
    java = shutil.which("java") or "java"
    spec = {
        "argv": [java, "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar",
                 "{connection_file}"],
        "display_name": DISPLAY_NAME,
        "language": "java",
        "interrupt_mode": "message",
        "env": {
            "JJAVA_CLASSPATH": ":".join(str(p.resolve()) for p in jars + libs),
            # the p-spin kernels use the JDK Vector API; charts render without a display
            "JJAVA_JVM_OPTS": "--add-modules jdk.incubator.vector -Djava.awt.headless=true " + heap_option(heap),
        },
        "metadata": {"glassy": {"root": str(root.resolve())}},
    }
    (target / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n")
    # one Java kernel in this environment: the bare "Java (jjava)" spec would lack the library
    if jjava.exists() and jjava != target:
        shutil.rmtree(jjava)
    print(f"installed kernel '{NAME}' ({DISPLAY_NAME}) in {target} with {len(jars) + len(libs)} jars")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=".", type=pathlib.Path)
    parser.add_argument("--heap", default="6g", help="kernel JVM heap: a size (6g) or a share of memory (75%%)")
    args = parser.parse_args()
    main(args.root.resolve(), args.heap)
