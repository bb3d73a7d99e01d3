# A null-modem cable between two Linux pseudo-terminals, for the serial port
# tests (see build/serial-pair.sh): bytes written to one end's slave come out
# of the other end's slave. Prints the two slave paths, then relays until
# killed.
import os, pty, select, tty
ends = []
for _ in range(2):
    master, slave = pty.openpty()
    tty.setraw(slave)
    ends.append((master, slave, os.ttyname(slave)))
print(ends[0][2], ends[1][2], flush=True)
a, b = ends[0][0], ends[1][0]
while True:
    r, _, _ = select.select([a, b], [], [])
    for fd in r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            continue
        os.write(b if fd == a else a, data)
