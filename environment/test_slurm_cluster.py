"""Job arrays against a real Slurm: a private single-node cluster started by environment/slurm_cluster.py.

What the sweep executor (issue 13) relies on, checked on Debian's slurm-wlm and munge: a throttled array
runs every task once with its SLURM_ARRAY_TASK_ID; an array beyond MaxArraySize is refused by sbatch (so
large sweeps must be chunked); cancelling one running task leaves the others finishing; and the harness
stops every daemon it started, also when the body raises or the command line gets SIGTERM, and no other.
Run: make test-slurm (about 30 s; the packages are installed first when root, bin/prerequisites slurm).
"""
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import slurm_cluster  # noqa: E402
from slurm_cluster import SlurmCluster, SlurmError  # noqa: E402

SCRIPT = pathlib.Path(slurm_cluster.__file__)
# sbatch's refusal of an array index at or above MaxArraySize (Slurm 22.05, Debian 12), exit status 1
OVERSIZED = "sbatch: error: Batch job submission failed: Invalid job array specification\n"


def alive(pid):
    stat = slurm_cluster._stat(pid)
    return stat is not None and stat.state != "Z"


def write_script(directory, name, body):
    path = pathlib.Path(directory) / name
    path.write_text("#!/bin/sh\n" + textwrap.dedent(body))
    path.chmod(0o755)
    return path


class ConfigurationTest(unittest.TestCase):
    def test_slurm_conf_has_its_own_ports_state_and_limits(self):
        text = slurm_cluster.slurm_conf("/tmp/x", host="node1", user="root", ports=(40001, 40002), cpus=2,
                                        memory_mib=1000, max_array_size=7)
        lines = text.splitlines()
        for line in ("SlurmctldHost=node1(127.0.0.1)", "SlurmctldPort=40001", "SlurmdPort=40002",
                     "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none", "SelectType=select/cons_tres",
                     "SelectTypeParameters=CR_Core", "JobAcctGatherType=jobacct_gather/none", "SlurmUser=root",
                     "MaxArraySize=7", "StateSaveLocation=/tmp/x/state", "SlurmdSpoolDir=/tmp/x/spool",
                     "AuthInfo=socket=/tmp/x/munge.socket",
                     "NodeName=node1 NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN",
                     "PartitionName=main Nodes=ALL Default=YES MaxTime=INFINITE State=UP"):
            self.assertIn(line, lines)
        self.assertNotIn("6817", text)
        self.assertNotIn("6818", text)

    def test_free_ports_are_distinct_and_not_slurms_defaults(self):
        ports = slurm_cluster.free_ports(2)
        self.assertEqual(2, len(set(ports)))
        self.assertFalse({6817, 6818} & set(ports))

    def test_real_memory_stays_below_memtotal(self):
        with tempfile.NamedTemporaryFile("w", suffix="meminfo") as f:
            f.write("MemTotal:       24683584 kB\nMemFree:        21752608 kB\n")
            f.flush()
            self.assertEqual(24105 - 2410, slurm_cluster.real_memory_mib(f.name))

    def test_max_array_size_is_validated(self):
        with self.assertRaisesRegex(ValueError, "max_array_size must be in 1..4000001, got 0"):
            SlurmCluster(max_array_size=0)


class JobArrayTest(unittest.TestCase):
    """One cluster (MaxArraySize 1001, Slurm's default) for the job-array tests."""

    @classmethod
    def setUpClass(cls):
        cls.cluster = SlurmCluster().start()
        print(f"\n  cluster up (sinfo idle) in {cls.cluster.startup_seconds:.2f} s", file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        pids = cls.cluster.pids
        began = time.monotonic()
        cls.cluster.stop()
        print(f"\n  cluster stopped in {time.monotonic() - began:.2f} s", file=sys.stderr)
        left = {name: pid for name, pid in pids.items() if alive(pid)}
        if left:
            raise AssertionError(f"daemons left running after stop: {left}")

    def setUp(self):
        directory = tempfile.TemporaryDirectory(prefix="glassy-slurm-test-")
        self.addCleanup(directory.cleanup)
        self.dir = pathlib.Path(directory.name)

    def sbatch(self, *args, check=True):
        return self.cluster.run(["sbatch", "--parsable", f"--chdir={self.dir}",
                                 f"--output={self.dir}/slurm-%A_%a.out", *map(str, args)], check=check)

    def test_a_throttled_array_runs_every_task_once_at_most_two_at_a_time(self):
        script = write_script(self.dir, "task.sh", """\
            date +%s.%N > "start-$SLURM_ARRAY_TASK_ID"
            sleep 1
            echo "task $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_TASK_COUNT, job $SLURM_ARRAY_JOB_ID" \\
              > "out-$SLURM_ARRAY_TASK_ID"
            date +%s.%N > "end-$SLURM_ARRAY_TASK_ID"
            """)
        submitted = self.sbatch("--array=0-3%2", "--wait", script)
        job = submitted.stdout.strip()
        self.assertRegex(job, r"^\d+$")
        for index in range(4):
            self.assertEqual(f"task {index} of 4, job {job}\n", (self.dir / f"out-{index}").read_text())
        self.assertEqual([f"out-{i}" for i in range(4)], sorted(p.name for p in self.dir.glob("out-*")))
        self.assertEqual({i: "COMPLETED" for i in range(4)}, self.cluster.states(job))
        intervals = [(float((self.dir / f"start-{i}").read_text()), float((self.dir / f"end-{i}").read_text()))
                     for i in range(4)]
        most = max(sum(1 for start, end in intervals if start <= t < end) for t, _ in intervals)
        self.assertLessEqual(most, 2, f"%2 throttle exceeded: {intervals}")

    def test_an_array_index_at_or_beyond_max_array_size_is_refused(self):
        # MaxArraySize=1001 bounds the index (0..1000), not the count: chunks must reuse low indices
        script = write_script(self.dir, "true.sh", "true\n")
        for spec in ("0-1001", "1001", "995-1005"):
            with self.subTest(array=spec):
                result = self.sbatch(f"--array={spec}", script, check=False)
                self.assertEqual((1, "", OVERSIZED), (result.returncode, result.stdout, result.stderr))
        held = self.sbatch("--array=0-1000", "--hold", script).stdout.strip()  # the largest accepted
        states = self.cluster.states(held)
        self.assertEqual(list(range(1001)), sorted(states))
        self.cluster.run(["scancel", held])
        self.assertEqual({"CANCELLED"}, set(self.cluster.wait(held).values()))

    def test_cancelling_one_running_task_leaves_the_others_finishing(self):
        # task 1 execs its sleep: proctrack/linuxproc signals a job's processes one at a time, so a shell
        # waiting on a killed child can run its next line before its own SIGTERM arrives (seen here)
        script = write_script(self.dir, "task.sh", """\
            echo "started $$" > "out-$SLURM_ARRAY_TASK_ID"
            if [ "$SLURM_ARRAY_TASK_ID" = 1 ]; then exec sleep 300; fi
            sleep 1
            echo done >> "out-$SLURM_ARRAY_TASK_ID"
            """)
        job = self.sbatch("--array=0-2", script).stdout.strip()
        deadline = time.monotonic() + 20
        while self.cluster.states(job).get(1) != "RUNNING" or not (self.dir / "out-1").exists():
            self.assertLess(time.monotonic(), deadline, f"task 1 never ran: {self.cluster.states(job)}")
            time.sleep(0.1)
        self.cluster.run(["scancel", f"{job}_1"])
        final = self.cluster.wait(job, timeout=30)
        self.assertEqual({0: "COMPLETED", 1: "CANCELLED", 2: "COMPLETED"}, final)
        for index in (0, 2):
            self.assertRegex((self.dir / f"out-{index}").read_text(), r"^started \d+\ndone\n$")
        started = (self.dir / "out-1").read_text()
        self.assertRegex(started, r"^started \d+\n$")
        pid = int(started.split()[1])  # the sleep, after exec
        deadline = time.monotonic() + 5
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertFalse(alive(pid), "the cancelled task's script is still running")

    def test_twenty_trivial_tasks_measure_the_per_task_overhead(self):
        script = write_script(self.dir, "true.sh", "true\n")
        began = time.monotonic()
        job = self.sbatch("--array=0-19", "--output=/dev/null", script).stdout.strip()
        final = self.cluster.wait(job, timeout=50)
        seconds = time.monotonic() - began
        self.assertEqual({i: "COMPLETED" for i in range(20)}, final)
        print(f"\n  20 array tasks of `true` on {self.cluster.cpus} CPUs: {seconds:.2f} s wall,"
              f" {seconds / 20:.2f} s per task", file=sys.stderr)


class StopTest(unittest.TestCase):
    """The harness stops what it started (daemons, job processes, state directory), and nothing else."""

    def setUp(self):
        directory = tempfile.TemporaryDirectory(prefix="glassy-slurm-test-")
        self.addCleanup(directory.cleanup)
        self.dir = pathlib.Path(directory.name)

    def assert_gone(self, pids, what):
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual([], [pid for pid in pids if alive(pid)], f"{what} still running")

    def test_everything_stops_when_the_body_raises_and_another_cluster_is_left_alone(self):
        script = write_script(self.dir, "sleep.sh", 'echo $$ > "pid-$SLURM_ARRAY_TASK_ID"; exec sleep 300\n')
        with SlurmCluster(max_array_size=4) as bystander:
            with self.assertRaisesRegex(RuntimeError, "the body failed"):
                with SlurmCluster(max_array_size=4) as cluster:
                    self.assertEqual(3, len(cluster.pids))
                    daemons, directory = list(cluster.pids.values()), cluster.directory
                    show = cluster.run(["scontrol", "show", "config"]).stdout
                    self.assertRegex(show, r"MaxArraySize\s+= 4\n")
                    refused = cluster.run(["sbatch", "--array=0-4", str(script)], check=False)
                    self.assertEqual((1, OVERSIZED), (refused.returncode, refused.stderr))
                    cluster.run(["sbatch", "--array=0-1", f"--chdir={self.dir}", "--output=/dev/null",
                                 str(script)])
                    deadline = time.monotonic() + 20
                    while len(list(self.dir.glob("pid-*"))) < 2:
                        self.assertLess(time.monotonic(), deadline, "the array never ran")
                        time.sleep(0.1)
                    raise RuntimeError("the body failed")
            jobs = [int(p.read_text()) for p in self.dir.glob("pid-*")]
            self.assert_gone(daemons, "daemons")
            self.assert_gone(jobs, "job processes")
            self.assertFalse(directory.exists(), "the state directory is removed")
            self.assertTrue(all(alive(pid) for pid in bystander.pids.values()), "another cluster's daemons")
            self.assertEqual("idle", bystander.run(["sinfo", "-h", "-o", "%T"]).stdout.strip())

    def test_the_command_line_returns_the_command_status_and_stops_on_sigterm(self):
        result = subprocess.run([sys.executable, str(SCRIPT), "run", "--", "sh", "-c",
                                 'sinfo -h -o %T; exit 3'], capture_output=True, text=True, timeout=60)
        self.assertEqual((3, "idle\n"), (result.returncode, result.stdout), result.stderr)
        self.assertRegex(result.stderr, r"cluster up in [\d.]+ s, SLURM_CONF=\S+/slurm.conf\n")

        command = 'echo "$GLASSY_SLURM_DAEMONS"; sbatch --output=/dev/null --wrap "sleep 300" >&2; exec sleep 300'
        process = subprocess.Popen([sys.executable, str(SCRIPT), "run", "--", "sh", "-c", command],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            daemons = dict(item.split("=") for item in process.stdout.readline().split())
            self.assertEqual({"munged", "slurmctld", "slurmd"}, set(daemons))
            pids = [int(pid) for pid in daemons.values()]
            time.sleep(1)
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        self.assertEqual(128 + signal.SIGTERM, process.returncode, stderr)
        self.assertIn("cluster stopped in", stderr)
        self.assert_gone(pids, "daemons")

    def test_serve_runs_the_cluster_until_stdin_closes(self):
        process = subprocess.Popen([sys.executable, str(SCRIPT), "serve", "--max-array-size", "9"],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(process.stdout.close)
        self.addCleanup(process.stderr.close)
        try:
            conf = process.stdout.readline().rstrip("\n").split("=", 1)
            daemons = dict(item.split("=") for item in process.stdout.readline().split("=", 1)[1].split())
            self.assertEqual("SLURM_CONF", conf[0])
            env = dict(os.environ, SLURM_CONF=conf[1])
            show = subprocess.run(["scontrol", "show", "config"], env=env, capture_output=True, text=True)
            self.assertRegex(show.stdout, r"MaxArraySize\s+= 9\n")
            process.stdin.close()
            self.assertEqual(0, process.wait(timeout=30))
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        self.assert_gone([int(pid) for pid in daemons.values()], "daemons")
        self.assertFalse(pathlib.Path(conf[1]).exists())

    def test_a_cluster_that_cannot_start_says_why_and_leaves_nothing(self):
        cluster = SlurmCluster(startup_timeout=30)
        original = cluster._start_slurm

        def broken_slurmd():
            original()
            cluster._processes["slurmd"].kill()  # as if slurmd had died at once
        cluster._start_slurm = broken_slurmd
        with self.assertRaisesRegex(SlurmError, r"slurmd exited with status -9 while the cluster started"
                                                r"(.|\n)*slurmctld.log"):
            cluster.start()
        self.assert_gone(list(cluster.pids.values()), "daemons")
        self.assertFalse(cluster.directory.exists())


if __name__ == "__main__":
    unittest.main()
