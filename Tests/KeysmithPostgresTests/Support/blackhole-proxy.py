#!/usr/bin/env python3
"""A TCP proxy for the fault tests: forwards 127.0.0.1:LISTEN to 127.0.0.1:TARGET until it
receives SIGUSR1, then black-holes every connection (accepts, reads and drops, answers nothing),
as a dead network does; SIGUSR2 forwards again. Prints its port on the first line; ends on
SIGTERM or after 300 s."""
import selectors, signal, socket, sys, time

target = int(sys.argv[1])
holed = False

def hole(*_):
    global holed
    holed = True

def unhole(*_):
    global holed
    holed = False

signal.signal(signal.SIGUSR1, hole)
signal.signal(signal.SIGUSR2, unhole)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
# A process started by the test runner inherits its blocked signals.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR1, signal.SIGUSR2, signal.SIGTERM})

listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(64)
listener.setblocking(False)
print(listener.getsockname()[1], flush=True)

selector = selectors.DefaultSelector()
selector.register(listener, selectors.EVENT_READ, None)
peers = {}

def close(sock):
    other = peers.pop(sock, None)
    for s in (sock, other):
        if s is None:
            continue
        try:
            selector.unregister(s)
        except (KeyError, ValueError):
            pass
        s.close()
        peers.pop(s, None)

deadline = time.time() + 300
while time.time() < deadline:
    for key, _ in selector.select(timeout=0.5):
        sock = key.fileobj
        if sock is listener:
            try:
                client, _ = listener.accept()
            except BlockingIOError:
                continue
            upstream = socket.create_connection(("127.0.0.1", target))
            for s in (client, upstream):
                s.setblocking(False)
                selector.register(s, selectors.EVENT_READ, None)
            peers[client], peers[upstream] = upstream, client
            continue
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            continue
        except OSError:
            close(sock)
            continue
        if not data:
            close(sock)
            continue
        if holed:
            continue  # swallowed: the other side waits for an answer that never comes
        try:
            peers[sock].sendall(data)
        except (OSError, KeyError):
            close(sock)
