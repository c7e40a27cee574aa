#!/usr/bin/env python3
"""A private single-node Slurm cluster on this machine, for testing job arrays against a real Slurm.

Starts Debian's `munged`, `slurmctld` and `slurmd` (packages `munge` and `slurm-wlm`) from a generated
`slurm.conf` in a temporary state directory, with ports of its own, so it never meets a real installation:
nothing under /etc, /run or /var is read or written, and the clients find the cluster through the
`SLURM_CONF` environment variable alone. Everything it started is stopped when the `with` block ends,
also when the block raises, on SIGINT, SIGTERM and SIGHUP, and at interpreter exit; daemons it did not
start are never touched.

    with SlurmCluster(max_array_size=1001) as cluster:
        job = cluster.run(["sbatch", "--parsable", "--array=0-3%2", "job.sh"]).stdout.strip()
        states = cluster.wait(job)      # {0: "COMPLETED", 1: "COMPLETED", ...}
        subprocess.run(["squeue"], env=cluster.env)

    python3 environment/slurm_cluster.py run [--max-array-size N] -- COMMAND...
        starts the cluster, runs COMMAND with SLURM_CONF and PATH set (so `sbatch`, `squeue`, `scancel`,
        `sinfo`, `scontrol` talk to it), stops the cluster and exits with COMMAND's status
    python3 environment/slurm_cluster.py serve [--max-array-size N]
        starts the cluster, prints `SLURM_CONF=...` and `GLASSY_SLURM_DAEMONS=munged=PID slurmctld=PID
        slurmd=PID` on stdout, and stops it when stdin is closed (or on SIGINT/SIGTERM): for a test in
        another language that starts the cluster as a child process
    python3 environment/slurm_cluster.py conf [--max-array-size N]
        prints the slurm.conf that `run` would generate (ports chosen now, state directory a placeholder)

The daemons run as the calling user (SlurmUser and SlurmdUser): root on Glassy's machines and CI, but an
unprivileged user works too (tried as `nobody`), jobs then running as that user. Only installing needs root:
missing packages are installed the project's one way, `bin/prerequisites slurm` (apt-get as root; otherwise
it prints the one `sudo apt-get install` command and the cluster refuses to start).

The configuration (see `slurm_conf`) is what a small real cluster would use, less accounting:
proctrack/linuxproc and task/none (no cgroups needed), select/cons_tres with CR_Core, one partition with
no time limit, MaxArraySize as given. Two settings are for speed only: `batch_sched_delay=0` lets the
scheduler start array tasks every second instead of every three, and MinJobAge=5 keeps `sbatch --wait`
polling every 2 s (sbatch lengthens its poll to 8 s and 32 s while it is shorter than MinJobAge/2) while
keeping finished jobs visible to `squeue --states=all` for at least 5 s.

Standard library only. Run its tests with `make test-slurm` (environment/test_slurm_cluster.py).
"""
import argparse
import atexit
import ctypes
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
PREREQUISITES = ROOT / "bin" / "prerequisites"
PACKAGES = "slurm-wlm munge"
SBIN = ("/usr/sbin", "/sbin", "/usr/local/sbin")
CLIENTS = ("sbatch", "squeue", "scancel", "sinfo", "scontrol")
DAEMONS = ("munged", "slurmctld", "slurmd")
# job states after which a job or array task never runs again (squeue --states=all reports them for
# MinJobAge seconds after the end)
FINISHED = frozenset({"COMPLETED", "CANCELLED", "FAILED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED",
                      "BOOT_FAIL", "DEADLINE", "SPECIAL_EXIT", "REVOKED"})
# client settings an outer Slurm job or a user's shell may set; they would redirect or reformat our clients
FOREIGN_PREFIXES = ("SLURM_", "SBATCH_", "SALLOC_", "SRUN_", "SQUEUE_", "SINFO_", "SCANCEL_", "SCONTROL_")


class SlurmError(RuntimeError):
    """The cluster could not be started, or a Slurm command failed; the message says why."""


def _search_path():
    """PATH with the sbin directories appended: the daemons live in /usr/sbin, off a user's PATH."""
    parts = [p for p in os.environ.get("PATH", os.defpath).split(os.pathsep) if p]
    return os.pathsep.join(parts + [d for d in SBIN if d not in parts])


def find_tool(name):
    """The absolute path of a Slurm or MUNGE program, or None."""
    return shutil.which(name, path=_search_path())


def missing_tools():
    return [name for name in CLIENTS + DAEMONS + ("mungekey",) if find_tool(name) is None]


def ensure_installed():
    """Makes sure Slurm and MUNGE are installed, through bin/prerequisites slurm (apt-get as root; else it
    prints the one install command). Raises SlurmError when they are still missing."""
    if not missing_tools():
        return
    if PREREQUISITES.exists():
        result = subprocess.run([str(PREREQUISITES), "slurm"])
        if result.returncode == 0 and not missing_tools():
            return
        raise SlurmError(f"Slurm and MUNGE are not installed (missing: {', '.join(missing_tools())}); "
                         "bin/prerequisites slurm printed how to install them")
    raise SlurmError(f"Slurm and MUNGE are not installed (missing: {', '.join(missing_tools())}); as root run:\n"
                     f"  apt-get install -y {PACKAGES}")


def short_hostname():
    """This host's short name, as `hostname -s` reports it (slurmctld checks SlurmctldHost against it)."""
    try:
        name = subprocess.run(["hostname", "-s"], capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        name = ""
    return name or socket.gethostname().split(".")[0]


def free_ports(count):
    """`count` distinct TCP ports free on this machine now (the kernel's choice, so never 6817/6818 in use)."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def usable_cpus():
    """The number of CPUs this process may run on (`nproc`)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def real_memory_mib(meminfo="/proc/meminfo"):
    """MemTotal in MiB less a margin (a tenth, at least 256 MiB): slurmd drains a node whose configured
    RealMemory exceeds what it finds, so the configuration stays below it."""
    with open(meminfo) as f:
        for line in f:
            if line.startswith("MemTotal:"):
                total = int(line.split()[1]) // 1024
                return max(1, total - max(256, total // 10))
    raise SlurmError(f"no MemTotal in {meminfo}")


def slurm_conf(directory, *, host, user, ports, cpus, memory_mib, max_array_size=1001, min_job_age=5,
               cluster_name="glassy"):
    """The text of slurm.conf for a single-node cluster whose state, logs, pid files and MUNGE socket are
    all in `directory`. `ports` is (slurmctld's, slurmd's)."""
    d = pathlib.Path(directory)
    lines = [
        "# generated by environment/slurm_cluster.py: a private single-node cluster, state in this directory",
        f"ClusterName={cluster_name}",
        f"SlurmctldHost={host}(127.0.0.1)",
        f"SlurmctldPort={ports[0]}",
        f"SlurmdPort={ports[1]}",
        f"SlurmUser={user}",
        f"SlurmdUser={user}",
        "AuthType=auth/munge",
        "CredType=cred/munge",
        f"AuthInfo=socket={d / 'munge.socket'}",
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_Core",
        "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none",
        "JobCompType=jobcomp/none",
        "MpiDefault=none",
        "ReturnToService=2",
        f"MaxArraySize={max_array_size}",
        f"MinJobAge={min_job_age}",
        "SchedulerParameters=batch_sched_delay=0",
        f"StateSaveLocation={d / 'state'}",
        f"SlurmdSpoolDir={d / 'spool'}",
        f"SlurmctldPidFile={d / 'slurmctld.pid'}",
        f"SlurmdPidFile={d / 'slurmd.pid'}",
        f"SlurmctldLogFile={d / 'slurmctld.log'}",
        f"SlurmdLogFile={d / 'slurmd.log'}",
        "SlurmctldDebug=info",
        "SlurmdDebug=info",
        f"NodeName={host} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={memory_mib} State=UNKNOWN",
        "PartitionName=main Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
    ]
    return "\n".join(lines) + "\n"


# ---- every live cluster, stopped on a signal or at exit ---------------------------------------------------

_live = []
_lock = threading.RLock()
_deferring = 0  # > 0 while clusters are being stopped: signals wait
_previous_handlers = {}
_HANDLED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_pending = []  # signals that arrived while clusters were being stopped


def _on_signal(signum, frame):
    """Unwinds the main thread (so `with` blocks stop their clusters); while clusters are being stopped the
    signal waits until the stop has completed."""
    if _deferring:
        _pending.append(signum)
        return
    _raise_for(signum)


class _SignalsDeferred:
    """Within it, SIGINT, SIGTERM and SIGHUP wait; the first that arrived takes effect at its end (in the
    main thread), so that stopping is never cut short."""

    def __enter__(self):
        global _deferring
        with _lock:
            _deferring += 1

    def __exit__(self, *exc):
        global _deferring
        with _lock:
            _deferring -= 1
            if _deferring or threading.current_thread() is not threading.main_thread():
                return False
            pending = _pending[:1]
            _pending.clear()
        if pending and exc[0] is None:
            _raise_for(pending[0])
        return False


def _raise_for(signum):
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


def _install_handlers():
    if threading.current_thread() is not threading.main_thread() or _previous_handlers:
        return
    for signum in _HANDLED:
        previous = signal.getsignal(signum)
        if previous is signal.SIG_IGN:  # e.g. SIGINT of a background job: keep ignoring it
            continue
        _previous_handlers[signum] = previous
        signal.signal(signum, _on_signal)


def _restore_handlers():
    if threading.current_thread() is not threading.main_thread():
        return
    for signum, previous in list(_previous_handlers.items()):
        signal.signal(signum, previous if previous is not None else signal.SIG_DFL)
        del _previous_handlers[signum]


def _stop_all_at_exit():
    for cluster in list(_live):
        cluster.stop()


atexit.register(_stop_all_at_exit)


def _die_with_parent():
    """preexec_fn: the daemon gets SIGTERM if the thread that started it dies (even by SIGKILL)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _alive(pid):
    stat = _stat(pid)
    return stat is not None and stat.state != "Z"  # a zombie is dead for our purposes


def _tail(path, lines=20):
    try:
        text = pathlib.Path(path).read_text(errors="replace").splitlines()
    except OSError:
        return "    (no file)"
    return "\n".join("    " + line for line in text[-lines:]) or "    (empty)"


class SlurmCluster:
    """A single-node Slurm cluster of this machine's CPUs, private to this process; a context manager.

    `env` is the environment for Slurm's clients (`SLURM_CONF` and a PATH with /usr/sbin); `run` runs one
    with it; `states` and `wait` read array tasks' states from squeue. Not reusable after `stop`.
    """

    def __init__(self, max_array_size=1001, *, cpus=None, min_job_age=5, startup_timeout=30.0, keep=False,
                 install=True):
        """max_array_size: MaxArraySize (array indices 0..max_array_size-1 are accepted; 1001 is Slurm's
        default); cpus: the node's CPUs (default: nproc); min_job_age: seconds a finished job stays visible;
        startup_timeout: seconds to wait for the node to be idle; keep: leave the state directory (logs,
        slurm.conf) behind for inspection; install: install missing packages through bin/prerequisites."""
        if not 1 <= max_array_size <= 4_000_001:
            raise ValueError(f"max_array_size must be in 1..4000001, got {max_array_size}")
        self.max_array_size = max_array_size
        self.cpus = cpus or usable_cpus()
        self.min_job_age = min_job_age
        self.startup_timeout = startup_timeout
        self.keep = keep
        self.install = install
        self.directory = None
        self.conf = None
        self.env = None
        self.host = None
        self.startup_seconds = None
        self._processes = {}  # name -> Popen, only what this object started
        self._started = False
        self._stopped = False

    # ---- life cycle ---------------------------------------------------------------------------------------

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        """Writes the configuration, starts munged, slurmctld and slurmd, and waits until `sinfo` shows the
        node idle. On any failure (also a signal) everything started so far is stopped before raising."""
        if self._started:
            raise SlurmError("this SlurmCluster was started already; make a new one")
        self._started = True
        if self.install:
            ensure_installed()
        elif missing_tools():
            raise SlurmError(f"Slurm and MUNGE are not installed (missing: {', '.join(missing_tools())})")
        began = time.monotonic()
        with _lock:
            _live.append(self)
            _install_handlers()
        try:
            self._configure()
            self._start_munge()
            self._start_slurm()
            self._wait_idle(began + self.startup_timeout)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began
        return self

    def _configure(self):
        self.directory = pathlib.Path(tempfile.mkdtemp(prefix="glassy-slurm-"))
        # munged insists that everyone may traverse its socket's directory; the key stays 0600
        self.directory.chmod(0o755)
        for sub in ("state", "spool"):
            (self.directory / sub).mkdir()
        self.host = short_hostname()
        user = _user_name()
        self.conf = self.directory / "slurm.conf"
        self.conf.write_text(slurm_conf(self.directory, host=self.host, user=user, ports=free_ports(2),
                                        cpus=self.cpus, memory_mib=real_memory_mib(),
                                        max_array_size=self.max_array_size, min_job_age=self.min_job_age))
        env = {k: v for k, v in os.environ.items() if not k.startswith(FOREIGN_PREFIXES)}
        env["SLURM_CONF"] = str(self.conf)
        env["PATH"] = _search_path()
        self.env = env

    def _spawn(self, name, argv):
        out = open(self.directory / f"{name}.out", "wb")
        try:
            self._processes[name] = subprocess.Popen(
                argv, env=self.env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                cwd=self.directory, start_new_session=True,  # a terminal's Ctrl-C reaches us, not them
                preexec_fn=_die_with_parent if threading.current_thread() is threading.main_thread() else None)
        finally:
            out.close()

    def _start_munge(self):
        d = self.directory
        key = d / "munge.key"
        result = subprocess.run([find_tool("mungekey"), "--create", f"--keyfile={key}"], capture_output=True,
                                text=True)
        if result.returncode != 0:
            raise SlurmError(f"mungekey --create failed: {result.stderr.strip()}")
        key.chmod(0o600)
        self._spawn("munged", [find_tool("munged"), "--foreground", f"--socket={d / 'munge.socket'}",
                               f"--key-file={key}", f"--pid-file={d / 'munged.pid'}",
                               f"--log-file={d / 'munged.log'}", f"--seed-file={d / 'munged.seed'}"])
        deadline = time.monotonic() + 10
        while not (d / "munge.socket").exists():
            self._check_running("munged")
            if time.monotonic() > deadline:
                raise SlurmError("munged did not create its socket within 10 s\n" + self.log_tails())
            time.sleep(0.05)

    def _start_slurm(self):
        # -f repeats SLURM_CONF so that `pgrep -af glassy-slurm-` shows which daemons belong to a harness
        self._spawn("slurmctld", [find_tool("slurmctld"), "-D", "-c", "-i", "-f", str(self.conf)])
        self._spawn("slurmd", [find_tool("slurmd"), "-D", "-N", self.host, "-f", str(self.conf)])

    def _check_running(self, *names):
        for name in names or self._processes:
            process = self._processes.get(name)
            if process is not None and process.poll() is not None:
                raise SlurmError(f"{name} exited with status {process.returncode} while the cluster started\n"
                                 + self.log_tails())

    def _wait_idle(self, deadline):
        state = ""
        while True:
            self._check_running()
            result = subprocess.run([find_tool("sinfo"), "--noheader", "--nodes", self.host, "--format", "%T"],
                                    env=self.env, capture_output=True, text=True)
            state = result.stdout.strip()
            if result.returncode == 0 and state == "idle":
                return
            if time.monotonic() > deadline:
                raise SlurmError(f"the node was not idle within {self.startup_timeout:g} s (sinfo: "
                                 f"{state or result.stderr.strip() or 'nothing'})\n" + self.log_tails())
            time.sleep(0.1)

    def stop(self):
        """Cancels every job of the cluster, stops slurmd, slurmctld and munged (SIGTERM, then SIGKILL after
        10 s), ends job processes left by slurmstepd, and removes the state directory (unless keep).
        Idempotent; only processes this object started, and the job processes of its own cluster (found by
        its SLURM_CONF in their environment), are signalled. A SIGINT, SIGTERM or SIGHUP that arrives
        meanwhile takes effect (KeyboardInterrupt or SystemExit) once everything is stopped."""
        with _lock:
            if self._stopped:
                return
            self._stopped = True
        with _SignalsDeferred():
            self._stop()

    def _stop(self):
        try:
            if self._running("slurmctld"):
                self._cancel_all_jobs()
            for name in ("slurmd", "slurmctld"):
                self._terminate(name)
            self._end_strays()
            self._terminate("munged")
            if self.directory is not None and not self.keep:
                shutil.rmtree(self.directory, ignore_errors=True)
        finally:
            with _lock:
                if self in _live:
                    _live.remove(self)
                if not _live:
                    _restore_handlers()

    def _running(self, name):
        process = self._processes.get(name)
        return process is not None and process.poll() is None

    def _cancel_all_jobs(self):
        try:
            queue = subprocess.run([find_tool("squeue"), "--noheader", "--format", "%F"], env=self.env,
                                   capture_output=True, text=True, timeout=10)
            jobs = sorted(set(queue.stdout.split()))
            if jobs:
                subprocess.run([find_tool("scancel"), *jobs], env=self.env, capture_output=True, timeout=10)
        except (subprocess.TimeoutExpired, OSError):
            return
        deadline = time.monotonic() + 5  # let slurmstepd end the job processes itself
        while self._strays(steps_only=True) and time.monotonic() < deadline:
            time.sleep(0.1)

    def _terminate(self, name):
        process = self._processes.get(name)
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        # children of a daemon (slurmctld's slurmscriptd) end with it; wait for its process group to empty
        deadline = time.monotonic() + 5
        while _group_members(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        for pid in _group_members(process.pid):
            _signal(pid, signal.SIGKILL)

    def _strays(self, steps_only=False):
        """Processes left by this cluster's jobs: slurmstepd (re-parented to init, so it outlives slurmd), the
        job scripts and anything else started with this cluster's environment (an orphan of `run`'s command),
        recognised by this cluster's SLURM_CONF in their environment; with steps_only, slurmstepd alone."""
        if self.conf is None:
            return []
        needle = b"\0SLURM_CONF=" + str(self.conf).encode() + b"\0"
        exempt = _ancestors()
        daemons = set(self.pids.values())  # each leads its own process group (start_new_session)
        found = []
        for pid in _pids():
            stat = _stat(pid)
            if pid in exempt or stat is None or stat.pgid in daemons or stat.state == "Z":
                continue
            if steps_only and stat.name != "slurmstepd":
                continue
            try:
                with open(f"/proc/{pid}/environ", "rb") as f:
                    environ = b"\0" + f.read() + b"\0"
            except OSError:
                continue
            if needle in environ:
                found.append(pid)
        return found

    def _end_strays(self):
        strays = self._strays()
        for pid in strays:
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + 3
        while strays and time.monotonic() < deadline:
            time.sleep(0.05)
            strays = [pid for pid in strays if _alive(pid)]
        for pid in strays:
            _signal(pid, signal.SIGKILL)

    # ---- using it -----------------------------------------------------------------------------------------

    @property
    def pids(self):
        """The daemons this object started, by name (munged, slurmctld, slurmd)."""
        return {name: process.pid for name, process in self._processes.items()}

    def run(self, command, *, check=True, timeout=120, **kwargs):
        """Runs a command (e.g. ["sbatch", ...]) against the cluster and returns its CompletedProcess, output
        captured as text. With check, a non-zero status raises SlurmError with the command's stderr."""
        if self.env is None or self._stopped:
            raise SlurmError("the cluster is not running")
        kwargs.setdefault("capture_output", True)
        kwargs.setdefault("text", True)
        result = subprocess.run(list(command), env=self.env, timeout=timeout, **kwargs)
        if check and result.returncode != 0:
            raise SlurmError(f"{' '.join(map(str, command))} exited with status {result.returncode}: "
                             f"{(result.stderr or '').strip()}")
        return result

    def states(self, job_id):
        """{array index (or 0 for a plain job): state} of a job, finished tasks included while slurmctld still
        knows them (MinJobAge); {} once it has forgotten the job."""
        result = self.run(["squeue", "--noheader", "--array", "--states=all", "--jobs", str(job_id),
                           "--format", "%i %T"], check=False)
        states = {}
        for line in result.stdout.splitlines():
            task, state = line.split()
            index = task.rpartition("_")[2] if "_" in task else "0"
            if index.isdigit():
                states[int(index)] = state
        return states

    def wait(self, job_id, timeout=60.0, poll=0.2):
        """Waits until every task of the job has finished and returns {index: last state seen}."""
        deadline = time.monotonic() + timeout
        seen = {}
        while True:
            now = self.states(job_id)
            seen.update(now)
            if seen and all(state in FINISHED for state in seen.values()):
                return seen
            if time.monotonic() > deadline:
                raise SlurmError(f"job {job_id} not finished within {timeout:g} s: {seen}\n" + self.log_tails())
            time.sleep(poll)

    def log_tails(self, lines=20):
        """The last lines of every daemon's log and output, for error messages."""
        if self.directory is None:
            return ""
        parts = []
        for name in ("munged.out", "slurmctld.log", "slurmctld.out", "slurmd.log", "slurmd.out"):
            parts.append(f"  {self.directory / name}:\n{_tail(self.directory / name, lines)}")
        return "\n".join(parts)


def _user_name():
    import pwd
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return str(os.getuid())


class _Stat:
    """The fields of /proc/PID/stat that stop() needs."""

    def __init__(self, text):
        name, fields = text.split("(", 1)[1].rsplit(")", 1)
        self.name = name
        fields = fields.split()
        self.state, self.ppid, self.pgid = fields[0], int(fields[1]), int(fields[2])


def _stat(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return _Stat(f.read())
    except (OSError, ValueError, IndexError):
        return None


def _pids():
    return [int(entry) for entry in os.listdir("/proc") if entry.isdigit()]


def _ancestors():
    pids, pid = {os.getpid()}, os.getpid()
    while pid > 1:
        stat = _stat(pid)
        if stat is None:
            break
        pid = stat.ppid
        pids.add(pid)
    return pids


def _group_members(pgid):
    members = []
    for pid in _pids():
        stat = _stat(pid)
        if stat is not None and stat.pgid == pgid and stat.state != "Z":
            members.append(pid)
    return members


def _signal(pid, signum):
    try:
        os.kill(pid, signum)
    except (ProcessLookupError, PermissionError):
        pass


# ---- command line -------------------------------------------------------------------------------------------

def _run_command(args):
    if not args.command:
        print("slurm_cluster.py run: give the command after --, e.g. run -- sbatch --wait job.sh", file=sys.stderr)
        return 2
    try:
        cluster = SlurmCluster(max_array_size=args.max_array_size, keep=args.keep).start()
    except SlurmError as e:
        print(f"slurm_cluster.py: {e}", file=sys.stderr)
        return 1
    child = None
    try:
        print(f"slurm_cluster.py: cluster up in {cluster.startup_seconds:.1f} s, SLURM_CONF={cluster.conf}",
              file=sys.stderr, flush=True)
        env = dict(cluster.env, GLASSY_SLURM_DAEMONS=" ".join(f"{n}={p}" for n, p in cluster.pids.items()))
        try:
            child = subprocess.Popen(args.command, env=env)
        except OSError as e:
            print(f"slurm_cluster.py: cannot run {args.command[0]}: {e}", file=sys.stderr)
            return 127
        status = child.wait()
        return status if status >= 0 else 128 - status
    finally:
        with _SignalsDeferred():
            if child is not None and child.poll() is None:  # interrupted: end the command first
                child.terminate()
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
            began = time.monotonic()
            cluster.stop()
            print(f"slurm_cluster.py: cluster stopped in {time.monotonic() - began:.1f} s"
                  + (f", state kept in {cluster.directory}" if args.keep else ""), file=sys.stderr)


def _serve(args):
    try:
        cluster = SlurmCluster(max_array_size=args.max_array_size, keep=args.keep).start()
    except SlurmError as e:
        print(f"slurm_cluster.py: {e}", file=sys.stderr)
        return 1
    try:
        print(f"SLURM_CONF={cluster.conf}", flush=True)
        print("GLASSY_SLURM_DAEMONS=" + " ".join(f"{n}={p}" for n, p in cluster.pids.items()), flush=True)
        while sys.stdin.buffer.read1(65536):  # until the parent closes our stdin (or dies)
            pass
        return 0
    finally:
        cluster.stop()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="action", required=True)
    run = commands.add_parser("run", help="start the cluster, run COMMAND against it, stop it")
    serve = commands.add_parser("serve", help="start the cluster, print SLURM_CONF, stop it when stdin closes")
    conf = commands.add_parser("conf", help="print the slurm.conf that run would generate")
    for sub in (run, serve, conf):
        sub.add_argument("--max-array-size", type=int, default=1001, help="MaxArraySize (default 1001)")
    for sub in (run, serve):
        sub.add_argument("--keep", action="store_true", help="keep the state directory (logs, slurm.conf)")
    run.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND [ARGS...]")
    args = parser.parse_args(argv)
    if args.action == "conf":
        sys.stdout.write(slurm_conf("STATE_DIR", host=short_hostname(), user=_user_name(), ports=free_ports(2),
                                    cpus=usable_cpus(), memory_mib=real_memory_mib(),
                                    max_array_size=args.max_array_size))
        return 0
    try:
        if args.action == "serve":
            return _serve(args)
        if args.command[:1] == ["--"]:
            args.command = args.command[1:]
        return _run_command(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
