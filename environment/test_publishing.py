"""Tests of the publishing tools: the Binder drift check, bin/run-notebooks' export steps, bin/check-site.

Each test feeds a tool a small input with a known defect (or none) and checks that the tool sees
exactly that. Run: .venv/bin/python -m unittest discover -s environment -p 'test_*.py'  (make test)
"""
import importlib.machinery
import importlib.util
import pathlib
import re
import tempfile
import unittest

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load(path, name):
    loader = importlib.machinery.SourceFileLoader(name, str(ROOT / path))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
    loader.exec_module(module)
    return module


binder_env = load("environment/binder_env.py", "binder_env")
run_notebooks = load("bin/run-notebooks", "run_notebooks")
check_site = load("bin/check-site", "check_site")

MARKDOWN = '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">'
PROVENANCE = run_notebooks.provenance_html(
    [(key, key, "x") for key in ("version", "commit", "date", "machine", "jvm")] + [("mode", "mode", "quick")]
    + [("seed", "seed", "1"), ("runtime", "run time", "1 s"), ("status", "status", "ok")], [("N", "10")])


def page(body, provenance=PROVENANCE):
    return (f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>t</title></head><body>{provenance}"
            f"{body}<img src='data:image/png;base64,iVBORw0KGgo='></body></html>")


class BinderEnvironmentTest(unittest.TestCase):
    def test_environment_file_carries_every_pin_and_the_conda_part(self):
        requirements = "# comment\nfoo==1.0\nBar_baz==2.3.4  # why\n"
        text = binder_env.render(requirements)
        self.assertEqual(["foo==1.0", "Bar_baz==2.3.4"], binder_env.pip_pins(text))
        self.assertEqual("17", binder_env.conda_pin(text, "openjdk"))
        self.assertEqual("3.11", binder_env.conda_pin(text, "python"))

    def test_a_changed_pin_changes_the_environment_file(self):
        self.assertNotEqual(binder_env.render("foo==1.0\n"), binder_env.render("foo==1.1\n"))

    def test_the_committed_environment_file_is_the_generated_one(self):
        expected = binder_env.render(binder_env.REQUIREMENTS.read_text())
        self.assertEqual(expected, binder_env.ENVIRONMENT_YML.read_text())

    def test_binder_folder_is_what_repo2docker_reads_and_the_badge_opens_lab_on_main(self):
        binder = ROOT / "binder"
        self.assertFalse((binder / "Dockerfile").exists(), "a Dockerfile makes repo2docker ignore the rest")
        self.assertTrue((binder / "postBuild").stat().st_mode & 0o111, "postBuild must be executable")
        badge = re.search(r"\[!\[launch binder\]\([^)]*\)\]\(([^)]*)\)", (ROOT / "README.md").read_text())
        self.assertIsNotNone(badge, "README.md has no 'launch binder' badge")
        self.assertRegex(badge.group(1), r"^https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/main\?urlpath=lab/tree/notebooks$")

    def test_unpinned_requirements_are_refused(self):
        with self.assertRaises(SystemExit):
            binder_env.render("foo>=1.0\n")


class ExportTest(unittest.TestCase):
    def test_tex_in_prose_becomes_mathml_but_not_in_attributes_or_code(self):
        html = (MARKDOWN + '<h2 id="Energy-$\\Delta$">Energy $\\Delta$<a class="anchor-link" href="#Energy-$\\Delta$">'
                "¶</a></h2><p>with $\\frac{1}{2T}$ and <code>$HOME</code></p>\n$$x^2$$</div>")
        out = run_notebooks.mathml(html)
        self.assertEqual(3, out.count("<math "))
        self.assertIn('href="#Energy-$\\Delta$"', out)
        self.assertIn("<code>$HOME</code>", out)
        self.assertIn('display="block"', out)

    def test_remote_scripts_are_dropped(self):
        html = ('<script src="https://cdn.example/require.js"></script><script type="text/x-mathjax-config">'
                "init()</script><p>kept</p>")
        self.assertEqual("<p>kept</p>", run_notebooks.standalone(html))

    def test_parameters_as_run_take_the_quick_values_in_quick_mode(self):
        nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "glassy", "display_name": "Java (Glassy)", "language": "java"}})
        cell = nbformat.v4.new_code_cell("boolean QUICK = false;   // q\nlong SEED = 7;\n"
                                         "int N = 256, N_QUICK = 100;\nint[] SIZES = {32, 64}, SIZES_QUICK = {8};")
        cell.metadata["tags"] = ["parameters"]
        nb.cells.append(cell)
        nb = run_notebooks.inject_parameters(nb, quick=True, seed=9)
        self.assertEqual("// Parameters (injected by bin/run-notebooks through papermill)\nQUICK = true;\nSEED = 9;\n",
                         nb.cells[1].source, "papermill's injected cell, in Java")
        self.assertEqual(["injected-parameters"], nb.cells[1].metadata.tags)
        self.assertEqual([("QUICK", "true"), ("SEED", "9"), ("N", "100"), ("SIZES", "{8}")],
                         run_notebooks.parameters_as_run(nb))

    def test_main_figure_is_the_tagged_one_else_the_last(self):
        nb = nbformat.v4.new_notebook()
        for png, tags in (("AAAA", []), ("BBBB", ["main-figure"]), ("CCCC", [])):
            cell = nbformat.v4.new_code_cell("x")
            cell.metadata["tags"] = tags
            cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": png})]
            nb.cells.append(cell)
        self.assertEqual("data:image/png;base64,BBBB", run_notebooks.main_figure(nb))
        nb.cells[1].metadata["tags"] = []
        self.assertEqual("data:image/png;base64,CCCC", run_notebooks.main_figure(nb))


class CheckSiteTest(unittest.TestCase):
    def problems(self, html):
        with tempfile.TemporaryDirectory() as d:
            path = pathlib.Path(d) / "study.html"
            path.write_text(html)
            return check_site.check_page(path, "quick", study=True)[1]

    def test_a_good_page_passes(self):
        self.assertEqual([], self.problems(page("<p>fine</p>")))

    def test_each_defect_is_reported(self):
        cases = {
            "<div><span>unclosed</div>": "closes <span>",
            "<img src='figure.png'>": "not embedded",
            "<script src='https://cdn.example/x.js'></script>": "loads",
            "<link rel='stylesheet' href='file:///usr/share/x.css'>": "file:",
            "<style>.a{background:url(https://cdn.example/a.png)}</style>": "stylesheet loads",
            "<style>@import 'fonts.css';</style>": "stylesheet loads",
            "<div data-mime-type='application/vnd.jupyter.stderr'>Traceback</div>": "error or stderr",
            MARKDOWN + "<p>energy $e = -1/(2T)$</p></div>": "TeX not rendered",
        }
        for body, expected in cases.items():
            with self.subTest(body=body):
                self.assertTrue(any(expected in p for p in self.problems(page(body))), self.problems(page(body)))

    def test_missing_provenance_and_wrong_mode_are_reported(self):
        problems = self.problems(page("<p>x</p>", provenance=PROVENANCE.replace("data-field='jvm'", "")))
        self.assertIn("provenance lacks 'jvm'", problems)
        full = PROVENANCE.replace(">quick<", ">full<")
        self.assertTrue(any("mode" in p for p in self.problems(page("<p>x</p>", provenance=full))))


if __name__ == "__main__":
    unittest.main()
