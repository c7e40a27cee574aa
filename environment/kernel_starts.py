"""Measure how reliably the "Java (Glassy)" kernel starts headless: docs/kernel.md.

Each trial starts the kernel with jupyter_client, waits until it answers (30 s), runs a cell that
uses the library and publishes a chart (what every notebook does first), checks the image/png
output, and shuts the kernel down. One CSV row per trial goes to --out as it finishes.

Usage: .venv/bin/python environment/kernel_starts.py --trials 500 --out build/kernel-starts.csv
"""
import argparse
import csv
import time

import jupyter_client

CELL = """import org.glassy.display.*; import tech.tablesaw.api.*;
var t = Table.create("t", DoubleColumn.create("x", 1, 2, 3), DoubleColumn.create("y", 1, 4, 9));
Notebook.show(Plots.lines(t, "x", "y", null).build());"""


def trial(kernel):
    started = time.time()
    km = jupyter_client.KernelManager(kernel_name=kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    row = {"ok": 0, "ready_s": "", "first_result_s": "", "error": ""}
    try:
        kc.wait_for_ready(timeout=30)
        row["ready_s"] = round(time.time() - started, 3)
        mid = kc.execute(CELL)
        png = False
        while True:
            msg = kc.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") != mid:
                continue
            if msg["msg_type"] == "display_data" and "image/png" in msg["content"]["data"]:
                png = True
            if msg["msg_type"] == "error":
                row["error"] = msg["content"]["evalue"][:200]
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        row["first_result_s"] = round(time.time() - started, 3)
        row["ok"] = int(png and not row["error"])
        if not png and not row["error"]:
            row["error"] = "no image/png output"
    except Exception as e:  # a failed start is the measurement, not a crash of the harness
        row["error"] = f"{type(e).__name__}: {e}"[:200]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", default="glassy")
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--out", default="build/kernel-starts.csv")
    args = parser.parse_args()
    ok = 0
    with open(args.out, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["trial", "ok", "ready_s", "first_result_s", "error"])
        writer.writeheader()
        for i in range(args.trials):
            row = trial(args.kernel)
            ok += row["ok"]
            writer.writerow({"trial": i, **row})
            f.flush()
            print(f"trial {i}: {'ok' if row['ok'] else 'FAILED ' + row['error']}", flush=True)
    print(f"{ok} passed, {args.trials - ok} failed")


if __name__ == "__main__":
    main()
