#!/usr/bin/env python3
"""Where a load-bench run's gateway spent its CPU, from its JFR recording (-Dbench.jfr=true).

    python3 src/test/bench/jfr-summary.py target/voice-bench/<label>/gateway.jfr [HH:MM:SS HH:MM:SS]

The optional window (UTC, e.g. the held calls' first and last second from hold/*_.csv) limits the
events. Prints the machine's and the JVM's CPU (jdk.CPULoad, once a second), the CPU of each thread
group (jdk.ThreadCPULoad, every 10 s) and the Java execution samples by thread group with their top frames.
"""
import collections
import json
import re
import subprocess
import sys

recording = sys.argv[1]
low, high = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("00:00:00", "99:99:99")


def events(kind):
    out = subprocess.run(["jfr", "print", "--json", "--events", kind, recording], capture_output=True, text=True, check=True).stdout
    kept = []
    for event in json.loads(out)["recording"]["events"]:
        second = re.search(r"T(\d\d:\d\d:\d\d)", event["values"].get("startTime", ""))
        if second and low <= second.group(1) <= high:
            kept.append(event["values"])
    return kept


def group(thread):
    name = (thread.get("javaName") or thread.get("osName") or "?") if thread else "?"
    if name.startswith("rtp-"):
        return "rtp-<leg>-<port> (a thread per leg)"
    return re.sub(r"-\d+$", "-N", name)


cpu = events("jdk.CPULoad")
if cpu:
    jvm = sum(v["jvmUser"] + v["jvmSystem"] for v in cpu) / len(cpu)
    machine = sum(v["machineTotal"] for v in cpu) / len(cpu)
    print(f"{len(cpu)} s: the machine {machine:.0%} busy, this JVM {jvm:.0%} of the machine ({jvm * 2:.2f} of its 2 cores)")

threads = collections.defaultdict(float)
seconds = set()
for v in events("jdk.ThreadCPULoad"):
    threads[group(v["eventThread"])] += v["user"] + v["system"]
    seconds.add(v["startTime"][:19])
if seconds:
    print(f"thread CPU, share of the machine, mean of {len(seconds)} samples:")
    for name, load in sorted(threads.items(), key=lambda item: -item[1])[:8]:
        print(f"  {name}: {load / len(seconds):.3f}")

samples = events("jdk.ExecutionSample")
by_group = collections.Counter()
frames = collections.defaultdict(collections.Counter)
for v in samples:
    name = group(v["sampledThread"])
    by_group[name] += 1
    stack = (v.get("stackTrace") or {}).get("frames") or []
    if stack:
        method = stack[0]["method"]
        frames[name][method["type"]["name"] + "." + method["name"]] += 1
print(f"{len(samples)} Java execution samples:")
for name, count in by_group.most_common(6):
    print(f"  {name}: {count} ({count / max(1, len(samples)):.0%})")
    for method, hits in frames[name].most_common(3):
        print(f"      {method}: {hits}")
