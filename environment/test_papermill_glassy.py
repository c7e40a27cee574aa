"""papermill with the "Java (Glassy)" kernel: the Java translator of environment/papermill-glassy.

Run by `make test-publishing` (python -m unittest discover -s environment) in .venv, where `make env`
installs papermill (pinned in requirements.txt) and the plugin. The last test executes notebook 01
in quick mode through papermill's command line, as a user sweeping notebooks would.
"""
import json
import math
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "01-pspin-relaxation.ipynb"

try:
    import papermill  # noqa: F401  (loads the engine plugins, as papermill's command line does)
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook
    from papermill.translators import papermill_translators
    import papermill_glassy
except ImportError as e:  # pragma: no cover - make env installs both
    raise SystemExit(f"test_papermill_glassy: {e} (run `make env`)")


def kernel_installed():
    from jupyter_client.kernelspec import KernelSpecManager
    return "glassy" in KernelSpecManager().find_kernel_specs()


class TranslatorTest(unittest.TestCase):
    J = papermill_glassy.JavaTranslator

    def test_scalars_are_java_literals(self):
        t = self.J.translate
        self.assertEqual(t(True), "true")
        self.assertEqual(t(False), "false")
        self.assertEqual(t(5), "5")
        self.assertEqual(t(-2147483648), "-2147483648")
        self.assertEqual(t(2147483648), "2147483648L")
        self.assertEqual(t(2 ** 40), "1099511627776L")
        with self.assertRaises(ValueError):
            t(2 ** 63)
        self.assertEqual(t(0.5), "0.5")
        self.assertEqual(t(1e-05), "1e-05")
        self.assertEqual(t(1e16), "1e+16")
        self.assertEqual(t(2018.0), "2018.0")
        self.assertEqual(t(math.nan), "Double.NaN")
        self.assertEqual(t(-math.inf), "Double.NEGATIVE_INFINITY")
        self.assertEqual(t(None), "null")

    def test_strings_use_java_escapes_never_unicode_escapes(self):
        t = self.J.translate
        self.assertEqual(t("fashion-mnist"), '"fashion-mnist"')
        self.assertEqual(t('say "hi"\\now'), r'"say \"hi\"\\now"')
        self.assertEqual(t("a\nb\tc\r"), r'"a\nb\tc\r"')
        self.assertEqual(t("\x01"), r'"\1"')  # octal: a \u0001 would be decoded before the string is parsed
        self.assertEqual(t("α_c ≈ 2"), '"α_c ≈ 2"')

    def test_lists_become_typed_arrays(self):
        t = self.J.translate
        self.assertEqual(t([4, 16, 64]), "new int[] {4, 16, 64}")
        self.assertEqual(t([1, 2 ** 40]), "new long[] {1, 1099511627776L}")
        self.assertEqual(t([0.5, 1, 2.0]), "new double[] {0.5, 1.0, 2.0}")
        self.assertEqual(t([True, False]), "new boolean[] {true, false}")
        self.assertEqual(t(["a", "b"]), 'new String[] {"a", "b"}')
        self.assertEqual(t([[1], [2]]), "java.util.List.of(new int[] {1}, new int[] {2})")
        with self.assertRaises(ValueError):
            t([])

    def test_dicts_become_maps(self):
        self.assertEqual(self.J.translate({"a": 1, "b": 0.5}), 'java.util.Map.of("a", 1, "b", 0.5)')
        big = {f"k{i}": i for i in range(11)}
        self.assertTrue(self.J.translate(big).startswith('java.util.Map.ofEntries(java.util.Map.entry("k0", 0), '))

    def test_the_cell_assigns_the_declared_variables(self):
        self.assertEqual(self.J.codify({"QUICK": True, "SEED": 5}), "// Parameters\nQUICK = true;\nSEED = 5;\n")

    def test_inspect_reads_the_declarations_of_a_parameters_cell(self):
        nb = nbformat.read(ROOT / "notebooks" / "02-aging.ipynb", as_version=4)
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        found = {p.name: p for p in self.J.inspect(cell)}
        self.assertEqual(("long", "1803"), (found["SEED"].inferred_type_name, found["SEED"].default))
        # QUICK's default is an expression: true on Binder, false elsewhere (papermill -p QUICK true overrides it)
        self.assertEqual(("boolean", "Notebook.quickOnBinder()"), (found["QUICK"].inferred_type_name,
                                                                   found["QUICK"].default))
        self.assertIn("true on Binder", found["QUICK"].help)
        self.assertEqual(("int", "16"), (found["HIDDEN_UNDER"].inferred_type_name, found["HIDDEN_UNDER"].default))
        self.assertEqual("512", found["HIDDEN_OVER"].default)
        self.assertIn("data subset", found["SEED"].help)


class RegistrationTest(unittest.TestCase):
    def test_papermill_finds_the_translator_through_the_engine_entry_point_alone(self):
        # a fresh interpreter that imports papermill only: the plugin is loaded by papermill itself
        code = ("import papermill.translators as t, papermill.engines as e; "
                "print(t.papermill_translators.find_translator('glassy', 'java').__module__, "
                "e.papermill_engines.get_engine('glassy').__name__)")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        self.assertEqual(["papermill_glassy", "GlassyEngine"], out)

    def test_the_injected_cell_follows_the_parameters_cell(self):
        done = parameterize_notebook(load_notebook_node(str(NOTEBOOK)), {"SEED": 7, "QUICK": True})
        index = next(i for i, c in enumerate(done.cells) if "parameters" in c.metadata.get("tags", []))
        injected = done.cells[index + 1]
        self.assertEqual(["injected-parameters"], injected.metadata.tags)
        self.assertEqual("// Parameters\nSEED = 7;\nQUICK = true;\n", injected.source)
        self.assertIs(papermill_translators.find_translator("glassy", "java"), papermill_glassy.JavaTranslator)


@unittest.skipUnless(kernel_installed(), "the glassy kernel is not installed (make kernel)")
class PapermillRunTest(unittest.TestCase):
    def test_notebook_01_runs_through_papermill_with_the_seed_injected(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = pathlib.Path(tmp) / "01-seed7.ipynb"
            papermill_cli = pathlib.Path(sys.executable).with_name("papermill")
            run = subprocess.run([str(papermill_cli), str(NOTEBOOK), str(out), "-p", "QUICK", "True", "-p", "SEED", "7",
                                  "--cwd", str(NOTEBOOK.parent), "--no-progress-bar"],
                                 capture_output=True, text=True, timeout=900, env=dict(os.environ))
            self.assertEqual(0, run.returncode, run.stderr[-3000:])
            nb = json.loads(out.read_text(encoding="utf-8"))
        injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
        self.assertEqual(1, len(injected))
        self.assertEqual("// Parameters\nQUICK = true;\nSEED = 7;\n", "".join(injected[0]["source"]))
        self.assertEqual({"QUICK": True, "SEED": 7}, nb["metadata"]["papermill"]["parameters"])
        outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
        self.assertFalse([o for o in outputs if o["output_type"] == "error"])
        text = "".join("".join(o.get("text", "")) for o in outputs if o["output_type"] == "stream")
        # the sweep section's grid: the seeds start at the injected SEED, and quick mode's 3 seeds were used
        self.assertIn("seed = 7,8,9 (6 points)", text)
        self.assertTrue(any("image/png" in o.get("data", {}) for o in outputs), "a chart was drawn")


if __name__ == "__main__":
    unittest.main()
