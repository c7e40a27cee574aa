"""Tests of the front door: bin/prerequisites (what make test needs, installed as root or asked for) and
bin/check-notebooks (notebooks committed without outputs).

bin/prerequisites runs in a sandbox whose PATH holds only the shell tools it uses and stubs: `id` (root or
not), `java`/`javac`, a `python3`, Slurm's and MUNGE's commands, `apt-get` (which logs its arguments and
"installs" Chromium, Slurm and MUNGE by creating stubs), so "no Chromium" or "no Slurm" holds even on a machine
that has them (the check for `sbatch` and `munge` looks at PATH only). Run: make test-publishing.
"""
import importlib.machinery
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import time
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PREREQUISITES = ROOT / "bin" / "prerequisites"
TOOLS = ("bash", "sed", "head", "cut", "tr", "grep", "paste", "cat", "chmod", "find")
SLURM_TOOLS = ("sbatch", "sinfo", "slurmctld", "slurmd")
MUNGE_TOOLS = ("munge", "munged")


def load(path, name):
    loader = importlib.machinery.SourceFileLoader(name, str(ROOT / path))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
    loader.exec_module(module)
    return module


check_notebooks = load("bin/check-notebooks", "check_notebooks")


class Sandbox:
    """A PATH with stubs; `root`, `java_version`, `venv`, `chromium`, `slurm`, `sudo`, `apt_fails` choose the
    machine."""

    def __init__(self, directory, root=False, java_version="17.0.15", venv=True, chromium=False, slurm=True,
                 sudo=True, apt_fails=False):
        self.bin = pathlib.Path(directory) / "bin"
        self.bin.mkdir()
        self.log = pathlib.Path(directory) / "apt-get.log"
        for tool in TOOLS:
            os.symlink(shutil.which(tool), self.bin / tool)
        self.stub("id", f'[ "$1" = -u ] && echo {0 if root else 1000}')
        if java_version:
            self.stub("java", f'echo \'openjdk version "{java_version}" 2025-04-15\' >&2')
            self.stub("javac", "exit 0")
        self.stub("python3", "exit 0" if venv else "exit 1")
        if chromium:
            self.stub("chromium", "exit 0")
        if slurm:
            for tool in SLURM_TOOLS + MUNGE_TOOLS:
                self.stub(tool, "exit 0")
        if sudo:
            self.stub("sudo", 'exec "$@"')
        chromium_stub = self.bin / "chromium"
        self.stub("apt-get", f'echo "$*" >> {self.log}\n'
                  + ("exit 100\n" if apt_fails else "")
                  + f'case " $* " in *" chromium "*) printf "#!/bin/sh\\nexit 0\\n" > {chromium_stub};'
                  f' chmod +x {chromium_stub};; esac\n'
                  + self.installs("slurm-wlm", SLURM_TOOLS) + self.installs("munge", MUNGE_TOOLS))

    def installs(self, package, tools):
        stubs = " ".join(str(self.bin / tool) for tool in tools)
        return (f'case " $* " in *" {package} "*) for t in {stubs}; do printf "#!/bin/sh\\nexit 0\\n" > $t;'
                f' chmod +x $t; done;; esac\n')

    def stub(self, name, body):
        path = self.bin / name
        path.write_text("#!/bin/sh\n" + body + "\n")
        path.chmod(0o755)

    def environment(self):
        env = {"PATH": str(self.bin), "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
        env["PYTHON"] = str(self.bin / "python3")
        return env

    def run(self, *command):
        started = time.monotonic()
        result = subprocess.run(list(command), env=self.environment(), capture_output=True, text=True, timeout=120,
                                cwd=ROOT)
        return result, time.monotonic() - started

    def apt_calls(self):
        return self.log.read_text().splitlines() if self.log.exists() else []


class PrerequisitesTest(unittest.TestCase):
    def sandbox(self, **machine):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        return Sandbox(directory.name, **machine)

    def test_no_chromium_not_root_stops_at_once_with_the_one_command(self):
        box = self.sandbox(root=False, chromium=False)
        result, seconds = box.run(str(PREREQUISITES), "test")
        self.assertEqual(1, result.returncode, result.stderr)
        self.assertIn("glassy: make test needs what this machine lacks:\n"
                      "  - Chromium, for the JupyterLab browser test\n"
                      "Run this once, then make test again:\n"
                      "  sudo apt-get install -y chromium\n", result.stderr)
        self.assertEqual([], box.apt_calls(), "nothing is installed without root")
        self.assertLess(seconds, 5)

    def test_no_chromium_as_root_installs_it_through_apt(self):
        box = self.sandbox(root=True, chromium=False)
        result, _ = box.run(str(PREREQUISITES), "test")
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(["update -qq", "install -y -qq chromium"], box.apt_calls())
        self.assertIn("installing what make test needs: chromium (apt-get, as root)", result.stderr)

    def test_everything_present_is_silent_and_installs_nothing(self):
        box = self.sandbox(root=True, chromium=True)
        result, seconds = box.run(str(PREREQUISITES), "test")
        self.assertEqual((0, "", ""), (result.returncode, result.stdout, result.stderr))
        self.assertEqual([], box.apt_calls())
        self.assertLess(seconds, 5)

    def test_a_failed_install_stops(self):
        box = self.sandbox(root=True, chromium=False, apt_fails=True)
        result, _ = box.run(str(PREREQUISITES), "test")
        self.assertEqual(1, result.returncode)
        self.assertIn("glassy: apt-get install chromium failed", result.stderr)

    def test_an_old_jdk_and_no_venv_are_asked_for_in_one_command(self):
        box = self.sandbox(root=False, java_version="11.0.2", venv=False, chromium=False, sudo=False)
        result, _ = box.run(str(PREREQUISITES), "test")
        self.assertEqual(1, result.returncode)
        self.assertIn("  - JDK 17 or newer\n  - Python 3.10+ with venv\n  - Chromium, for the JupyterLab browser test\n",
                      result.stderr)
        self.assertIn("  su -c 'apt-get install -y default-jdk-headless python3-venv chromium'\n", result.stderr)

    def test_reproduce_needs_no_browser(self):
        box = self.sandbox(root=False, chromium=False)
        result, _ = box.run(str(PREREQUISITES), "reproduce")
        self.assertEqual(0, result.returncode, result.stderr)

    def test_glassy_chromium_counts_as_chromium(self):
        box = self.sandbox(root=False, chromium=False)
        browser = box.bin.parent / "my-chrome"
        browser.write_text("")
        env = box.environment() | {"GLASSY_CHROMIUM": str(browser)}
        result = subprocess.run([str(PREREQUISITES), "test"], env=env, capture_output=True, text=True, cwd=ROOT)
        self.assertEqual(0, result.returncode, result.stderr)

    def test_an_unknown_mode_is_bad_usage(self):
        box = self.sandbox()
        result, _ = box.run(str(PREREQUISITES), "tests")
        self.assertEqual(2, result.returncode)
        self.assertIn("the mode must be test, reproduce, slurm, data or ci, got 'tests'", result.stderr)

    def test_no_slurm_not_root_names_make_test_slurm_and_the_one_command(self):
        box = self.sandbox(root=False, chromium=True, slurm=False)
        result, _ = box.run(str(PREREQUISITES), "slurm")
        self.assertEqual(1, result.returncode, result.stderr)
        self.assertEqual("glassy: make test-slurm needs what this machine lacks:\n"
                         "  - Slurm, for the job array test\n"
                         "  - MUNGE, Slurm's authentication\n"
                         "Run this once, then make test-slurm again:\n"
                         "  sudo apt-get install -y slurm-wlm munge\n", result.stderr)
        self.assertEqual([], box.apt_calls())

    def test_no_slurm_as_root_installs_it_through_apt_for_test_and_slurm(self):
        for mode in ("slurm", "test"):
            with self.subTest(mode=mode):
                box = self.sandbox(root=True, chromium=True, slurm=False)
                result, _ = box.run(str(PREREQUISITES), mode)
                self.assertEqual(0, result.returncode, result.stderr)
                self.assertEqual(["update -qq", "install -y -qq slurm-wlm munge"], box.apt_calls())

    def test_reproduce_needs_no_slurm(self):
        box = self.sandbox(root=False, chromium=True, slurm=False)
        result, _ = box.run(str(PREREQUISITES), "reproduce")
        self.assertEqual((0, ""), (result.returncode, result.stderr))

    def test_make_test_stops_before_any_build(self):
        # the real Makefile and make, in the sandbox: the check runs first and nothing else does
        box = self.sandbox(root=False, chromium=False)
        os.symlink(shutil.which("make"), box.bin / "make")
        result, seconds = box.run("make", "--no-print-directory", "test")
        self.assertNotEqual(0, result.returncode)
        self.assertIn("  sudo apt-get install -y chromium\n", result.stderr)
        self.assertNotIn("mvnw", result.stdout + result.stderr)
        self.assertNotIn("check-notebooks", result.stdout + result.stderr)
        self.assertLess(seconds, 10)

    def test_the_install_knowledge_lives_in_one_place(self):
        # .ci/run and the Makefile ask bin/prerequisites; neither runs apt-get itself
        ci = (ROOT / ".ci" / "run").read_text()
        makefile = (ROOT / "Makefile").read_text()
        self.assertIn("bin/prerequisites ci", ci)
        self.assertNotIn("apt-get", ci)
        self.assertNotIn("apt-get install", makefile)
        self.assertIn("@bin/prerequisites test", makefile)
        self.assertIn("@bin/prerequisites reproduce", makefile)


def notebook(*cells, tagged=True, try_it=True):
    """A notebook of these cells, followed (unless tagged is False) by the two tagged cells every study has, and
    (unless try_it is False) by a "Try it" section whose solutions name real tests of notebook 01."""
    tail = ([TAGGED_PARAMETERS, TAGGED_FIGURE] if tagged else []) + (TRY_IT if try_it else [])
    return {"cells": list(cells) + tail, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def solution(checked_by, hidden=True):
    metadata = {"jupyter": {"source_hidden": True}, "tags": ["solution"]} if hidden else {"tags": ["solution"]}
    return {"cell_type": "markdown", "id": "s", "metadata": metadata,
            "source": ["**Solution.** It halves.\n", "\n", f"Checked by `{checked_by}`."]}


def code(source, outputs=(), count=None):
    return {"cell_type": "code", "execution_count": count, "id": "c", "metadata": {}, "outputs": list(outputs),
            "source": [source]}


MARKDOWN = {"cell_type": "markdown", "id": "m", "metadata": {}, "source": ["# Title"]}
TAGGED_PARAMETERS = {"cell_type": "code", "execution_count": None, "id": "p", "metadata": {"tags": ["parameters"]},
                     "outputs": [], "source": ["boolean QUICK = false;"]}
TAGGED_FIGURE = {"cell_type": "code", "execution_count": None, "id": "f", "metadata": {"tags": ["main-figure"]},
                 "outputs": [], "source": ["Notebook.show(chart);"]}
TRY_IT = [{"cell_type": "markdown", "id": "t", "metadata": {}, "source": ["## Try it\n", "Change T."]},
          {"cell_type": "markdown", "id": "e", "metadata": {}, "source": ["**Exercise 1.** Set T = 2."]},
          solution("Notebook01ExercisesTest.doublingTheTemperatureHalvesTheEquilibriumEnergy"),
          {"cell_type": "markdown", "id": "e", "metadata": {}, "source": ["**Exercise 2.** Set N = 128."]},
          solution("Notebook01ExercisesTest.largerSystemsStopCloserToTheThreshold")]
STREAM = {"name": "stdout", "output_type": "stream", "text": ["1\n"]}


class CheckNotebooksTest(unittest.TestCase):
    def write(self, name, content):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        path = pathlib.Path(directory.name) / name
        path.write_text(check_notebooks.dumps(content), encoding="utf-8")
        return path

    def run_checker(self, *args):
        return subprocess.run(["python3", str(ROOT / "bin" / "check-notebooks"), *map(str, args)],
                              capture_output=True, text=True)

    def test_a_clean_notebook_passes(self):
        path = self.write("clean.ipynb", notebook(MARKDOWN, code("x = 1")))
        result = self.run_checker(path)
        self.assertEqual((0, ""), (result.returncode, result.stderr))

    def test_outputs_and_execution_counts_fail_naming_the_notebook_and_cell(self):
        path = self.write("01-dirty.ipynb", notebook(MARKDOWN, code("x = 1"), code("print(1)", [STREAM], 3),
                                                     code("y = 2", count=4)))
        result = self.run_checker(path)
        self.assertEqual(1, result.returncode)
        self.assertEqual([f"{path}: cell 3 has 1 output(s) and execution count 3; notebooks are committed without"
                          f" outputs (bin/check-notebooks --strip {path})",
                          f"{path}: cell 4 has execution count 4; notebooks are committed without outputs"
                          f" (bin/check-notebooks --strip {path})"], result.stderr.splitlines())

    def test_strip_removes_outputs_and_nothing_else(self):
        dirty = notebook(MARKDOWN, code("print(1)", [STREAM], 3))
        path = self.write("dirty.ipynb", dirty)
        self.assertEqual(0, self.run_checker("--strip", path).returncode)
        self.assertEqual(check_notebooks.dumps(notebook(MARKDOWN, code("print(1)"))), path.read_text(encoding="utf-8"))
        self.assertEqual(0, self.run_checker(path).returncode)

    def test_a_notebook_without_its_tagged_cells_fails_saying_which(self):
        path = self.write("01-untagged.ipynb", notebook(MARKDOWN, code("boolean QUICK = true;"), tagged=False))
        result = self.run_checker(path)
        self.assertEqual(1, result.returncode)
        lines = result.stderr.splitlines()
        self.assertEqual(2, len(lines), result.stderr)
        self.assertTrue(lines[0].startswith(f"{path}: no cell tagged 'parameters' that sets QUICK"), lines[0])
        self.assertTrue(lines[1].startswith(f"{path}: no code cell tagged 'main-figure'"), lines[1])

    def test_a_notebook_without_a_tested_try_it_section_fails_saying_what_is_missing(self):
        path = self.write("01-no-exercises.ipynb", notebook(MARKDOWN, try_it=False))
        result = self.run_checker(path)
        self.assertEqual((1, [f"{path}: no 'Try it' section (a markdown cell starting '## Try it' with exercises and"
                              " solutions)"]), (result.returncode, result.stderr.splitlines()))
        path = self.write("01-bad-solutions.ipynb", notebook(
            MARKDOWN, *TRY_IT[:2], solution("Notebook01ExercisesTest.noSuchTest"),
            solution("Notebook02ExercisesTest.aHotterGlassHasALowerPlateau", hidden=False), try_it=False))
        result = self.run_checker(path)
        self.assertEqual(1, result.returncode)
        self.assertEqual([f"{path}: cell 4: names Notebook01ExercisesTest.noSuchTest, which is not a @Test method in"
                          " Notebook01ExercisesTest.java",
                          f"{path}: cell 5: a solution must be collapsed (cell metadata jupyter.source_hidden = true)",
                          f"{path}: cell 5: checked by Notebook02ExercisesTest, not this notebook's"
                          " Notebook01ExercisesTest"], result.stderr.splitlines())

    def test_an_unreadable_notebook_fails(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        path = pathlib.Path(directory.name) / "broken.ipynb"
        path.write_text("{not json")
        result = self.run_checker(path)
        self.assertEqual(1, result.returncode)
        self.assertTrue(result.stderr.startswith(f"{path}: cannot read as a notebook"), result.stderr)

    def test_placeholder_prose_fails_naming_the_cell(self):
        def markdown(text):
            return {"cell_type": "markdown", "id": "p", "metadata": {}, "source": [text]}
        path = self.write("01-draft.ipynb", notebook(
            MARKDOWN, code("int SEEDS = 4, N_JAMMED = 400;"),
            markdown("Means over `SEEDS` seeds and N_JAMMED spins (a parenthesis (in prose) is fine)."),
            markdown("## Collapse\n\n(prose on the collapse)"),
            markdown("The slope leaves the theory's near $t \\approx$ REACH_1E4."),
            markdown("$(a + b)$ and (1/N corrections) inside a sentence.")))
        result = self.run_checker(path)
        self.assertEqual(1, result.returncode)
        self.assertEqual([f"{path}: cell 4 has placeholder prose '(prose on the collapse)'; write the prose from a full run",
                          f"{path}: cell 5 has placeholder 'REACH_1E4' (not a variable of the notebook); write the prose"
                          f" from a full run"], result.stderr.splitlines())

    def test_the_committed_notebooks_are_clean_and_strip_leaves_them_byte_identical(self):
        notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
        self.assertGreaterEqual(len(notebooks), 5)
        for path in notebooks:
            text = path.read_text(encoding="utf-8")
            parsed = json.loads(text)
            self.assertEqual([], check_notebooks.problems(parsed), path.name)
            self.assertEqual([], check_notebooks.placeholders(parsed), path.name)
            self.assertFalse(check_notebooks.strip(parsed), path.name)
            self.assertEqual(text, check_notebooks.dumps(parsed), path.name)


if __name__ == "__main__":
    unittest.main()
