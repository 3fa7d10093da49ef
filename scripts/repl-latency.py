"""Enter-to-prompt latency of `keysmith --store STORE` driven through a pseudo-terminal.

Usage: repl-latency.py KEYSMITH STORE KEYS. Starts the REPL (history in a scratch HOME, no
colour), waits for its first prompt, then for each measured line writes the line and a carriage
return and times until the next prompt has been drawn. Prints one markdown row per line kind:
median and 90th percentile over the runs, in milliseconds.
"""
import os, pty, select, statistics, sys, tempfile, time

keysmith, store, keys = sys.argv[1], sys.argv[2], sys.argv[3]
PROMPT = b"me> "
RUNS = int(os.environ.get("REPL_RUNS", "200"))
LINES = ["echo tick", "clock", "key show key_00000001"]

home = tempfile.mkdtemp(prefix="keysmith-repl-bench-")
env = dict(os.environ, HOME=home, XDG_STATE_HOME=home + "/state", NO_COLOR="1", TERM="xterm")
pid, fd = pty.fork()
if pid == 0:
    os.execve(keysmith, [keysmith, "--store", store], env)

buffer = b""
def read_until_prompt(timeout=600.0):
    """Reads until the output ends with the prompt (libedit draws it last)."""
    global buffer
    deadline = time.monotonic() + timeout
    while not buffer.rstrip(b"\x1b[K").endswith(PROMPT):
        left = deadline - time.monotonic()
        if left <= 0:
            raise SystemExit(f"no prompt after {timeout} s; output so far: {buffer[-400:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            buffer += os.read(fd, 65536)
    buffer = b""

started = time.monotonic()
read_until_prompt()
startup = time.monotonic() - started
results = {}
for line in LINES:
    times = []
    for _ in range(RUNS):
        os.write(fd, line.encode() + b"\r")
        t0 = time.monotonic()
        read_until_prompt()
        times.append((time.monotonic() - t0) * 1000)
    times.sort()
    results[line] = (statistics.median(times), times[int(len(times) * 0.9)])
os.write(fd, b"\x04")
os.waitpid(pid, 0)
for line, (median, p90) in results.items():
    print(f"| REPL Enter-to-prompt, `{line}`, SQLite store with {int(keys):,} keys | {median:.2f} ms | p90 {p90:.2f} ms |")
print(f"| REPL start to first prompt, SQLite store with {int(keys):,} keys | {startup * 1000:.0f} ms | - |")
