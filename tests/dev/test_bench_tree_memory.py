"""`make bench` weighs the process tree's memory as the machine pays it: a page that parent
and child share since the fork counts once (PSS), beside the summed RSS that counts it twice."""
import subprocess
import sys
import time

import pytest

from pipeline.dev.burst import tree_memory_mb

# A parent holds 200 MB, then forks a child that shares them untouched and holds 50 MB of its own.
TREE = """
import os, time
held = bytearray(200 * 2**20)
for i in range(0, len(held), 4096): held[i] = 1
if os.fork() == 0:
    own = bytearray(50 * 2**20)
    for i in range(0, len(own), 4096): own[i] = 1
    print("ready", flush=True)
    time.sleep(30)
    os._exit(0)
time.sleep(30)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_pages_shared_since_the_fork_count_once_in_pss_and_twice_in_rss():
    proc = subprocess.Popen([sys.executable, "-c", TREE], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.2)
        pss, rss = tree_memory_mb(proc.pid)
        assert 250 <= pss < 330  # 200 shared + 50 own (+ two interpreters)
        assert rss >= pss + 180  # the 200 shared MB once more
    finally:
        proc.kill()
        proc.wait()
