# Glassy: the two set-up commands are `make reproduce` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := build

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
MVN := ./mvnw -B -q
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
KERNEL_SPEC := $(VENV)/share/jupyter/kernels/glassy/kernel.json
JAR_STAMP := target/.built
FASHION_MNIST := /usr/share/datasets/fashion-mnist

.PHONY: build env kernel data test test-java test-cli test-notebooks reproduce lab bench lock clean \
	binder-env test-publishing test-binder test-browser prerequisites prerequisites-reproduce check-notebooks reproduce-site \
	test-slurm

## build: compile the library and copy its runtime dependencies to target/lib
build: $(JAR_STAMP)

$(JAR_STAMP): pom.xml $(shell find src/main -type f 2>/dev/null)
	$(MVN) package -DskipTests
	@touch $@

## env: the project-local Python environment (.venv) from the pinned environment/requirements.txt, and
## papermill's Java translator (environment/papermill-glassy)
env: $(VENV)/.installed $(VENV)/.papermill-glassy

$(VENV)/.installed: environment/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --disable-pip-version-check --no-deps -r environment/requirements.txt
	@touch $@

$(VENV)/.papermill-glassy: $(VENV)/.installed $(wildcard environment/papermill-glassy/pyproject.toml environment/papermill-glassy/papermill_glassy/*.py)
	$(VPY) -m pip install -q --disable-pip-version-check --no-deps --force-reinstall ./environment/papermill-glassy
	@touch $@

## kernel: the "Java (Glassy)" kernelspec in .venv, with the library on its classpath
kernel: $(KERNEL_SPEC)

$(KERNEL_SPEC): $(VENV)/.installed $(VENV)/.papermill-glassy $(JAR_STAMP) environment/install_kernel.py
	$(VPY) environment/install_kernel.py .

## data: Fashion-MNIST in $(FASHION_MNIST) (Debian's dataset-fashion-mnist), installed if root can;
## optional: without it the real-data tests are skipped and FashionMnist downloads into ~/.cache/glassy
data:
	@bin/prerequisites data
	@if [ -d $(FASHION_MNIST) ]; then echo "Fashion-MNIST: $(FASHION_MNIST)"; fi

## prerequisites: what make test needs from the machine (JDK 17+, Python venv, Chromium, Slurm and MUNGE), checked
## in a second; installed through apt-get when root, else the one command to run is printed and make stops
## (bin/prerequisites)
prerequisites:
	@bin/prerequisites test

prerequisites-reproduce:
	@bin/prerequisites reproduce

## check-notebooks: notebooks are committed without outputs (bin/check-notebooks --strip removes them)
check-notebooks:
	@$(PYTHON) bin/check-notebooks $(NOTEBOOKS)

## test: everything CI checks: unit and physics tests, javadoc, README examples, job arrays on a real Slurm, every
## notebook in quick mode, the Binder simulation, JupyterLab in a real browser. The machine's prerequisites and the
## notebooks' missing outputs are checked first, so a missing package stops it in a second, not after minutes.
test: prerequisites check-notebooks
	@$(MAKE) --no-print-directory test-java test-cli test-slurm test-publishing test-notebooks test-binder test-browser

# tests on the real Fashion-MNIST files run where `make data` has installed them, and are skipped elsewhere
test-java:
	./mvnw -B --no-transfer-progress verify
	@touch $(JAR_STAMP)

# the README's bin/glassy examples, run as written (in a scratch directory), must succeed
test-cli: build
	@rm -rf build/readme-cli && mkdir -p build/readme-cli
	@grep -E '^bin/glassy ' README.md | while read -r line; do \
	  echo "$$line"; (cd build/readme-cli && eval "../../$$line" > stdout.csv) || exit 1; \
	done
	@grep -q '^time,energy$$' build/readme-cli/t05.csv
	@echo "README command-line examples: ok"

test-notebooks: kernel
	-@$(MAKE) --no-print-directory data
	$(VPY) bin/run-notebooks --quick --jobs 2 --out build/test-site $(NOTEBOOKS)
	$(VPY) bin/check-site --mode quick build/test-site $(NOTEBOOKS)

## reproduce: build, install, execute every notebook in full mode, write build/site/
reproduce: prerequisites-reproduce
	@$(MAKE) --no-print-directory reproduce-site

reproduce-site: kernel
	-@$(MAKE) --no-print-directory data
	$(VPY) bin/run-notebooks --out build/site $(NOTEBOOKS)
	$(VPY) bin/check-site --mode full build/site $(NOTEBOOKS)
	@echo "site: build/site/index.html"

## lab: JupyterLab on the notebooks with the kernel ready
lab: kernel
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

## bench: JMH benchmarks (results go in docs/benchmarks.md by hand, with date and machine)
bench: build
	$(MVN) test-compile
	java --add-modules jdk.incubator.vector -cp "target/test-classes:target/classes:$$(cat target/test-classpath.txt)" \
	  org.openjdk.jmh.Main $(BENCH_ARGS)

## test-slurm: job arrays against a real Slurm (issue 13; docs/cluster.md). environment/slurm_cluster.py starts a
## private single-node cluster, munged, slurmctld and slurmd from Debian's munge and slurm-wlm, with a generated
## slurm.conf, state, logs and MUNGE socket in a temporary directory and ports of its own (never 6817/6818, never
## /etc/slurm or /run/munge), so it cannot meet a real installation. The tests submit throttled arrays, an array
## beyond MaxArraySize (refused), cancel one running task, and check that the harness stops every daemon and job
## process it started, also when a test fails, on Ctrl-C or SIGTERM, and nothing else; about 30 s. The packages
## are installed first where root can (bin/prerequisites slurm, as make data does); otherwise it names the command.
test-slurm:
	@bin/prerequisites slurm
	$(PYTHON) -m unittest -v environment/test_slurm_cluster.py
	./mvnw -B -q test-compile surefire:test -Dglassy.excludedGroups= -Dgroups=slurm -Dglassy.requireSlurm=true \
	  -Dsurefire.failIfNoSpecifiedTests=false

## test-publishing: unit tests of the Binder drift check, the HTML export steps, bin/check-site and papermill's
## Java translator with a papermill run of notebook 01 on the kernel (every environment/test_*.py but the Slurm
## one, which starts daemons and is make test-slurm)
test-publishing: kernel
	$(VPY) -m unittest $(filter-out environment/test_slurm_cluster.py,$(wildcard environment/test_*.py))

## test-binder: what Binder does with binder/, simulated in a fresh venv (environment/binder_simulation.py)
test-binder:
	$(PYTHON) environment/binder_simulation.py --out build/binder-sim

## test-browser: JupyterLab in headless Chromium runs notebook 01, interrupt and restart included, and the
## quick site opens offline (environment/lab_browser_test.py; needs Debian's chromium); screenshots in build/browser-test
test-browser: kernel $(VENV)/.browser-installed
	$(VPY) environment/lab_browser_test.py --out build/browser-test $(if $(wildcard build/test-site/index.html),--site build/test-site)

$(VENV)/.browser-installed: $(VENV)/.installed environment/requirements-browser.txt
	$(VPY) -m pip install -q --disable-pip-version-check --no-deps -r environment/requirements-browser.txt
	@touch $@

## binder-env: binder/environment.yml from environment/requirements.txt (the one pinned list)
binder-env:
	$(PYTHON) environment/binder_env.py

## lock: regenerate environment/requirements.txt from environment/requirements.in (and binder/environment.yml)
lock:
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install -q -r environment/requirements.in
	{ echo "# Glassy's Jupyter environment, fully pinned (generated from requirements.in by 'make lock')."; \
	  build/lock-venv/bin/pip freeze; } > environment/requirements.txt
	$(PYTHON) environment/binder_env.py

clean:
	rm -rf target build $(VENV)
