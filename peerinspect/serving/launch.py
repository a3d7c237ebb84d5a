"""What the server runs for each browser tab: hands the tab's pipes to the warm template process and waits.

Run by path with `python -S -E launch.py SOCKET WORKSPACE`: it imports nothing but the standard library's
smallest modules, so it is up in a few milliseconds where a whole tab takes seconds. It passes its standard input,
output and error (SCM_RIGHTS) and the environment the server gave it (the driver, the terminal's size) to the
template process listening on SOCKET, which forks the tab; the tab's exit status becomes this process's own.
If the template process cannot be reached, the tab starts the plain way, in this process
(`python -m peerinspect.serving.tab WORKSPACE`), and the server starts a new template process meanwhile.

The wire format, written once here and read in zygote.py: the launcher sends `length` (8 bytes, big-endian) with
the three fds, then the environment as `NAME=value` entries separated by NUL; the template process answers
`started\\n` once the tab is forked, then `exit N\\n` when it ends.
"""

import os
import socket
import sys

STARTED = b"started\n"
EXIT = b"exit "
# Long enough for a busy template process to fork; short enough that a stuck one costs a tab little.
ANSWER_SECONDS = 10


def encode_environment(environment) -> bytes:
    return b"\0".join(f"{name}={value}".encode("utf-8", "surrogateescape") for name, value in environment.items())


def plain_start(workspace: str) -> None:
    """Becomes the tab the plain way: Python with its site-packages, importing everything itself."""
    os.execv(sys.executable, [sys.executable, "-m", "peerinspect.serving.tab", workspace])


def main() -> int:
    if len(sys.argv) != 3:
        sys.stderr.write("usage: python -S -E launch.py SOCKET WORKSPACE\n")
        return 2
    path, workspace = sys.argv[1], sys.argv[2]
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.settimeout(ANSWER_SECONDS)
        connection.connect(path)
        environment = encode_environment(os.environ)
        socket.send_fds(connection, [len(environment).to_bytes(8, "big")], [0, 1, 2])
        connection.sendall(environment)
        answer = connection.makefile("rb")
        if answer.readline() != STARTED:
            raise ConnectionError("the template process did not start the tab")
    except OSError:
        connection.close()
        plain_start(workspace)
        return 1  # only if exec itself failed, which raises first
    # The tab runs as long as a person uses it: no time limit from here on.
    connection.settimeout(None)
    ended = answer.readline()
    if ended.startswith(EXIT):
        return int(ended[len(EXIT):])
    sys.stderr.write("peerinspect: the template process ended while the tab ran\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
