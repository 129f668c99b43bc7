#!/usr/bin/env python3
"""Peak memory of a batch whose shared data is near the data limits (issue 11).

Every record of a batch is merged over the shared data, so shared data near the limits
(32 MiB of text, a million values) must not take a copy per thread. This runs, each in a
process of its own, with the same shared data:

  render       one document of the shared data with one record's fields: the baseline
  batch -j J   a batch of 20 records over it, for each J asked
  batch 64 MB  shared data twice the limit: refused before it is read whole

and prints each one's peak resident memory, as measured by the kernel (wait4), and its
ratio to the baseline's, with the load average. Run by hand, not in CI:

  bench/batch_shared_memory.py build/generator/vanban [--jobs 1,2,8] [--old OTHER-VANBAN]

--old runs the same with another build (e.g. one of an earlier commit) for a before/after.
"""
import argparse
import json
import multiprocessing
import os
import subprocess
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECORDS = 20


def write_template_and_records(folder):
    os.makedirs(os.path.join(folder, "tpl", "plan"))
    with open(os.path.join(folder, "tpl", "plan", "main.vbt"), "w", encoding="utf-8") as f:
        f.write("@type KẾ HOẠCH\n@summary {{ summary }}\n{{ code }}\n")
    with open(os.path.join(folder, "records.jsonl"), "w", encoding="utf-8") as f:
        for i in range(1, RECORDS + 1):
            f.write('{"code": "R%d"}\n' % i)


def write_shared(folder, name, values):
    """Shared data of `values` short texts, and the same with one record's field (for render);
    its size in MB."""
    shared = {"summary": "về công tác kết nạp đảng viên", "x": ["v%028d" % i for i in range(values)]}
    text = json.dumps(shared, ensure_ascii=False, separators=(",", ":"))
    with open(os.path.join(folder, "shared-%s.json" % name), "w", encoding="utf-8") as f:
        f.write(text)
    shared["code"] = "R1"
    with open(os.path.join(folder, "one-%s.json" % name), "w", encoding="utf-8") as f:
        json.dump(shared, f, ensure_ascii=False, separators=(",", ":"))
    return len(text.encode("utf-8")) / 1e6


def in_child(function, *args):
    """function(*args) in a process of its own: the data it builds never swells this one,
    whose peak memory a child started later would inherit (ru_maxrss counts it from fork)."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(function, args)


def peak_mb(vanban, args, folder):
    """Runs vanban in `folder`; its exit code and peak resident memory in MB."""
    env = dict(os.environ, VANBAN_TEMPLATES=os.path.join(REPO, "templates"))
    process = subprocess.Popen([vanban] + args, cwd=folder, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode("utf-8", "replace").strip().splitlines()
    process.stderr.close()
    return process.returncode, usage.ru_maxrss / 1024.0, (error[-1] if error else "")


def measure(name, vanban, folder, jobs, sizes):
    templates = ["-t", "tpl", "-t", os.path.join(REPO, "templates")]
    code, base, _ = peak_mb(vanban, ["render"] + templates + ["plan", "one-within.json", "-o", "one.json"], folder)
    print("%-4s render, %.1f MB of data (baseline)   peak %7.1f MB          exit %d" % (name, sizes["within"], base, code))
    for j in jobs:
        out = "out-%s-%d" % (name, j)
        code, peak, _ = peak_mb(vanban, ["batch", "-q"] + templates + ["plan", "shared-within.json", "records.jsonl",
                                                                        "-o", out + "/{{ code }}.json", "-j", str(j)], folder)
        print("%-4s batch -j %d, %d records over it      peak %7.1f MB  %5.2fx  exit %d"
              % (name, j, RECORDS, peak, peak / base, code))
    code, peak, said = peak_mb(vanban, ["batch", "-q"] + templates + ["plan", "shared-over.json", "records.jsonl",
                                                                       "-o", "out-%s-over/{{ code }}.json" % name, "-j", "2"], folder)
    print("%-4s batch -j 2, %.1f MB of shared data    peak %7.1f MB  %5.2fx  exit %d %s"
          % (name, sizes["over"], peak, peak / base, code, said[:70]))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vanban")
    parser.add_argument("--jobs", default="1,2,8")
    parser.add_argument("--old", help="another vanban program to measure the same way")
    options = parser.parse_args()
    jobs = [int(j) for j in options.jobs.split(",")]
    with tempfile.TemporaryDirectory(prefix="vanban-shared-memory-") as folder:
        write_template_and_records(folder)
        # Within the limits (31.7 MB, 990,000 values), and twice the size limit (64 MB).
        sizes = {"within": in_child(write_shared, folder, "within", 990_000),
                 "over": in_child(write_shared, folder, "over", 2_000_000)}
        print("load average %.2f %.2f %.2f, %d cores" % (os.getloadavg() + (os.cpu_count(),)))
        for name, vanban in (("old", options.old), ("new", options.vanban)):
            if vanban:
                measure(name, os.path.abspath(vanban), folder, jobs, sizes)
        print("load average %.2f %.2f %.2f" % os.getloadavg())
