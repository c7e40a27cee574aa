"""End-to-end test of JupyterLab as a person uses it: headless Chromium runs a study notebook.

It starts `jupyter lab` (the project's .venv, its "Java (Glassy)" kernel) on a free loopback port
with a random token, on a scratch copy of notebooks/ (so nothing the browser does can touch the
repository's files), and drives Debian's Chromium through Playwright for Python (the system
browser: nothing is downloaded). In the browser it:

1. opens notebooks/01-pspin-relaxation.ipynb, selects the "Java (Glassy)" kernel (Kernel > Change
   Kernel...), appends `QUICK = true;` to the parameters cell (the quick version of the study),
   runs all cells (Run > Run All Cells), and checks that a chart image and a rendered table appear
   and no error output does; screenshots go to OUT (default build/browser-test/);
2. runs a long p-spin simulation in a new cell, interrupts it from the Kernel menu, checks that the
   cell stops and the kernel still answers, restarts the kernel from the Kernel menu, removes the
   extra cells, clears the outputs and runs all cells again, with the same checks;
3. with --site DIR, opens the exported study pages and index from that site offline and checks
   that their figures load and their MathML formulas are laid out (math rendered, no network).

The server is shut down at the end whatever happens (and any kernel it left is stopped).
Usage: .venv/bin/python environment/lab_browser_test.py [--out build/browser-test] [--site build/test-site]
Needs environment/requirements-browser.txt installed in .venv (`make test-browser` does it) and the
`chromium` package (apt-get install chromium), or GLASSY_CHROMIUM naming another Chromium binary.
"""
import argparse
import json
import os
import pathlib
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from playwright.sync_api import expect, sync_playwright

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOK = "notebooks/01-pspin-relaxation.ipynb"
KERNEL = "Java (Glassy)"
RUN_TIMEOUT_MS = 240_000
LONG_CELL = ("var longRun = PSpinRelaxation.run(base.toBuilder().dynamics(PSpinRelaxation.Kind.LANGEVIN).temperature(0.4).time(1e6).build(), "
             "Notebook.progress(\"long run\"));")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium():
    for candidate in (os.environ.get("GLASSY_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and pathlib.Path(candidate).exists():
            return candidate
    sys.exit("lab_browser_test: no Chromium found (apt-get install chromium, or set GLASSY_CHROMIUM)")


class Lab:
    """A JupyterLab server on a scratch root, with fresh configuration, settings and workspaces."""

    def __init__(self, out):
        self.out = out
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.kernel_ids = set()

    def start(self):
        root = self.out / "root"
        if root.exists():
            shutil.rmtree(root)
        (root / "notebooks").mkdir(parents=True)
        shutil.copy2(ROOT / NOTEBOOK, root / NOTEBOOK)
        for d in ("config", "settings", "workspaces", "runtime"):
            shutil.rmtree(self.out / d, ignore_errors=True)
        # a fresh user: no news prompt (a toast over the notebook), no autosave of the scratch copy; every cell
        # rendered also off screen (the checks read every prompt, and JupyterLab 4's default windowing leaves
        # the prompts of cells far below the view empty until they are scrolled to)
        for plugin, setting in (("apputils-extension/notification", {"fetchNews": "false"}),
                                ("docmanager-extension/plugin", {"autosave": False}),
                                ("notebook-extension/tracker", {"windowingMode": "none"})):
            path = self.out / "settings" / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(setting))
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(self.out / "config"),
                   JUPYTERLAB_SETTINGS_DIR=str(self.out / "settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(self.out / "workspaces"),
                   JUPYTER_RUNTIME_DIR=str(self.out / "runtime"))
        command = [str(pathlib.Path(sys.executable).parent / "jupyter"), "lab", "--no-browser",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={root}",
                   "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if os.geteuid() == 0:
            command.append("--allow-root")
        log = open(self.out / "jupyter-lab.log", "w")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                        start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited ({self.process.returncode}); see {log.name}")
            try:
                self.api("status")
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("jupyter lab did not answer within 60 s")

    def api(self, path, method="GET"):
        request = urllib.request.Request(f"{self.url}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            return json.loads(body) if body else None

    def remember_kernels(self):
        try:
            self.kernel_ids |= {k["id"] for k in self.api("kernels")}
        except OSError:
            pass

    def stop(self):
        if self.process is None:
            return
        self.remember_kernels()
        try:
            self.api("shutdown", method="POST")
            self.process.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        # kernels run in sessions of their own: stop any the server left behind (ours only, by connection file)
        left = set().union(*(kernel_processes(k) for k in self.kernel_ids)) if self.kernel_ids else set()
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        print(f"jupyter lab stopped (exit {self.process.returncode}); {len(left)} kernel processes had to be killed")


def kernel_processes(kernel_id):
    """Process ids whose command line names the kernel's connection file (JJava: launcher and kernel JVM)."""
    pids = set()
    for pid_dir in pathlib.Path("/proc").glob("[0-9]*"):
        try:
            if f"kernel-{kernel_id}.json" in (pid_dir / "cmdline").read_bytes().decode(errors="replace"):
                pids.add(int(pid_dir.name))
        except OSError:
            continue
    return pids


def menu(page, top, item):
    """Clicks a menu bar entry, then one of its items (exact label)."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(f"^{re.escape(top)}$")).click()
    page.locator(".lm-Menu-item:not(.lm-mod-hidden) .lm-Menu-itemLabel",
                 has_text=re.compile(f"^{re.escape(item)}$")).click()


def wait_kernel_ready(lab, timeout=90):
    """Until the server has the notebook's session with a "Java (Glassy)" kernel that is idle.

    (JupyterLab's own status indicator says "Unknown" until the first cell runs: JJava publishes no
    status at connection time, so the page alone cannot tell a ready kernel from a starting one.)"""
    deadline = time.time() + timeout
    while time.time() < deadline:
        sessions = [s for s in lab.api("sessions") if s.get("path", "").endswith(NOTEBOOK.split("/")[-1])]
        if sessions and sessions[0]["kernel"]["name"] == "glassy" and sessions[0]["kernel"]["execution_state"] == "idle":
            lab.kernel_ids.add(sessions[0]["kernel"]["id"])
            return sessions[0]["kernel"]["id"]
        time.sleep(0.5)
    raise AssertionError(f"no idle glassy kernel for the notebook within {timeout} s: {lab.api('sessions')}")


def wait_run_all(page, timeout=RUN_TIMEOUT_MS):
    """Until Run All has finished: every code cell numbered, in increasing order down the notebook
    (the order Run All executes them in), none queued or running ([*]), and the kernel idle."""
    page.wait_for_function(
        """() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
            const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent);
            const numbers = prompts.map(p => (p.match(/^\\[(\\d+)\\]:$/) || [])[1]).map(Number);
            return status && status.getAttribute('data-status') === 'idle' && prompts.length > 0
                && numbers.every((n, i) => n > 0 && (i === 0 || n > numbers[i - 1]));
        }""", timeout=timeout, polling=250)


def check_study_outputs(page, label):
    """A chart image (loaded), a rendered table, no error or stderr output; returns the image count."""
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    cells = panel.locator(".jp-CodeCell")
    prompts = [p.strip() for p in panel.locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()]
    unexecuted = [p for p in prompts if not re.fullmatch(r"\[\d+\]:", p)]
    if unexecuted:
        raise AssertionError(f"{label}: cells not executed: {prompts}")
    errors = panel.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    if errors.count():
        raise AssertionError(f"{label}: error output: {errors.first.inner_text()[:500]}")
    images = panel.locator('.jp-OutputArea-output img[src^="data:image/png"]')
    expect(images.first).to_be_visible()
    loaded = images.first.evaluate("img => img.complete && img.naturalWidth > 100 && img.naturalHeight > 100")
    if not loaded:
        raise AssertionError(f"{label}: the chart image did not load")
    table = panel.locator(".jp-OutputArea-output table")
    expect(table.first).to_be_visible()
    rows = table.first.locator("tr").count()
    if rows < 2:
        raise AssertionError(f"{label}: the table has {rows} rows")
    print(f"{label}: {cells.count()} code cells executed, {images.count()} chart(s), table of {rows} rows, no errors")
    return images


def type_in_new_cell_below(page, cell, text):
    """Selects a cell, inserts a code cell below it (B in command mode) and types into it."""
    cell.locator(".jp-InputArea-prompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .cm-editor.cm-focused")).to_have_count(1)
    page.keyboard.type(text)
    page.keyboard.press("Escape")


def run_lab(page, lab, out):
    page.goto(f"{lab.url}/lab/tree/{NOTEBOOK}?token={lab.token}")
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(panel.locator(".jp-Cell").first).to_be_visible(timeout=60_000)
    wait_kernel_ready(lab)

    # select the kernel from the UI, as a person would
    menu(page, "Kernel", "Change Kernel…")
    dialog = page.locator(".jp-Dialog")
    dialog.locator("select").select_option(label=KERNEL)
    dialog.locator(".jp-Dialog-button", has_text="Select").click()
    expect(dialog).to_have_count(0)
    expect(panel.locator(".jp-KernelName").first).to_have_text(KERNEL, timeout=30_000)
    wait_kernel_ready(lab)
    print(f"kernel selected: {KERNEL}")

    # the quick version: QUICK = true at the end of the parameters cell
    parameters = panel.locator(".jp-CodeCell", has_text="boolean QUICK = Notebook.quickOnBinder();")
    parameters.locator(".cm-content").click()
    expect(parameters.locator(".cm-editor")).to_have_class(re.compile(r"\bcm-focused\b"))
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("QUICK = true;  // set in the browser test")
    page.keyboard.press("Escape")
    expect(parameters.locator(".cm-content")).to_contain_text("QUICK = true;  // set in the browser test")

    started = time.time()
    menu(page, "Run", "Run All Cells")
    wait_run_all(page)
    images = check_study_outputs(page, f"run all ({time.time() - started:.0f} s)")
    images.first.scroll_into_view_if_needed()
    page.screenshot(path=str(out / "01-run-all.png"))
    panel.locator(".jp-OutputArea-output table").first.scroll_into_view_if_needed()
    page.screenshot(path=str(out / "02-table.png"))

    # interrupt a long run, check the kernel still answers, restart it, run everything again
    cells = panel.locator(".jp-CodeCell")
    type_in_new_cell_below(page, cells.last, LONG_CELL)
    long_cell = panel.locator(".jp-CodeCell", has_text="var longRun").first
    long_cell.locator(".jp-InputArea-prompt").click()
    page.keyboard.press("Shift+Enter")
    expect(long_cell.locator(".jp-InputArea-prompt")).to_have_text("[*]:", timeout=10_000)
    expect(long_cell.locator(".jp-OutputArea-output").first).to_be_visible(timeout=30_000)  # its progress bar
    time.sleep(2)
    page.screenshot(path=str(out / "03-long-run.png"))
    interrupted = time.time()
    menu(page, "Kernel", "Interrupt Kernel")
    expect(long_cell.locator(".jp-InputArea-prompt")).to_have_text(re.compile(r"\[\d+\]:"), timeout=30_000)
    expect(long_cell.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
           ).to_contain_text("interrupted", timeout=10_000)
    print(f"interrupt: the running cell stopped after {time.time() - interrupted:.1f} s (Evaluation interrupted)")
    type_in_new_cell_below(page, long_cell, "41 + 1")
    answer_cell = panel.locator(".jp-CodeCell", has_text="41 + 1").first
    answer_cell.locator(".jp-InputArea-prompt").click()
    page.keyboard.press("Shift+Enter")
    expect(answer_cell.locator(".jp-OutputArea-output")).to_have_text("42", timeout=30_000)
    print("interrupt: the kernel answers the next cell (41 + 1 = 42)")
    page.screenshot(path=str(out / "04-interrupted.png"))

    kernel_id = wait_kernel_ready(lab)
    before = kernel_processes(kernel_id)
    restarted = time.time()
    menu(page, "Kernel", "Restart Kernel…")
    page.locator(".jp-Dialog .jp-Dialog-button", has_text="Restart").click()
    while not (kernel_processes(kernel_id) and not kernel_processes(kernel_id) & before):
        if time.time() - restarted > 60:
            raise AssertionError(f"restart: the kernel's processes {sorted(before)} were not replaced within 60 s")
        time.sleep(0.25)
    wait_kernel_ready(lab)
    print(f"restart: new kernel JVM {sorted(kernel_processes(kernel_id))} (was {sorted(before)}), "
          f"idle after {time.time() - restarted:.1f} s")
    for text in ("41 + 1", "var longRun"):  # back to the study's own cells
        panel.locator(".jp-CodeCell", has_text=text).first.locator(".jp-InputArea-prompt").click()
        page.keyboard.press("Escape")
        page.keyboard.press("d")
        page.keyboard.press("d")
        expect(panel.locator(".jp-CodeCell", has_text=text)).to_have_count(0)
    menu(page, "Edit", "Clear Outputs of All Cells")
    expect(panel.locator(".jp-OutputArea-output img")).to_have_count(0)
    started = time.time()
    menu(page, "Run", "Run All Cells")
    wait_run_all(page)
    images = check_study_outputs(page, f"after restart, run all ({time.time() - started:.0f} s)")
    expect(panel.locator(".jp-CodeCell .jp-InputArea-prompt").first).to_have_text("[1]:")  # a fresh kernel
    images.first.scroll_into_view_if_needed()
    page.screenshot(path=str(out / "05-after-restart.png"))
    lab.remember_kernels()


def check_site(page, site, out):
    """The exported pages, opened from disk with the network cut off: figures load, formulas lay out."""
    page.context.route(re.compile(r"^https?://"), lambda route: route.abort())
    pages = sorted(site.glob("*.html"))
    for path in pages:
        page.goto(path.resolve().as_uri())
        broken = page.evaluate("[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).length")
        if broken:
            raise AssertionError(f"{path.name}: {broken} images did not load")
        sizes = page.evaluate("[...document.querySelectorAll('math')].map(m => m.getBoundingClientRect().height)")
        if path.name != "index.html" and (not sizes or min(sizes) <= 0):
            raise AssertionError(f"{path.name}: formulas not laid out ({len(sizes)} <math> elements)")
        page.screenshot(path=str(out / f"site-{path.stem}.png"))
    print(f"site {site}: {len(pages)} pages open offline, figures load, formulas render")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "browser-test")
    parser.add_argument("--site", type=pathlib.Path, help="also check this exported site in the browser")
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    started = time.time()
    lab = Lab(out)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a killed test still stops its server (finally)
    try:
        lab.start()
        print(f"jupyter lab on {lab.url} (log: {out / 'jupyter-lab.log'})")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), headless=True)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(30_000)
                try:
                    run_lab(page, lab, out)
                except Exception:
                    page.screenshot(path=str(out / "failure.png"))
                    raise
                if args.site:
                    check_site(browser.new_page(viewport={"width": 1200, "height": 1400}), args.site, out)
            finally:
                browser.close()
    finally:
        lab.stop()
    print(f"browser test: ok in {time.time() - started:.0f} s; screenshots in {out}")


if __name__ == "__main__":
    main()
