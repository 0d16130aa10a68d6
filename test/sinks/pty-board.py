# A board on a serial port, for `record`'s tests: opens a pseudo-terminal, prints its name,
# waits until the reader configures the port (raw mode, as a serial library does on open),
# reports the speed it set, plays the lines of a file (a recorder's console output) and then
# hangs up, as an unplugged board does. Status lines are JSON on stdout.
#   python3 pty-board.py LINES_FILE [--hangup-after-seconds S] [--drain]
# --drain: hang up only once the reader has taken every byte (a reader that stops early, at
# --seconds, leaves bytes unread: then hang up after S anyway).
import array, fcntl, json, os, sys, termios, time

lines_file = sys.argv[1]
linger = float(sys.argv[sys.argv.index('--hangup-after-seconds') + 1]) if '--hangup-after-seconds' in sys.argv else 5.0
drain = '--drain' in sys.argv
master, slave = os.openpty()
print(json.dumps({'port': os.ttyname(slave)}), flush=True)

SPEEDS = {getattr(termios, 'B' + str(b)): b for b in (9600, 19200, 38400, 57600, 115200, 230400) if hasattr(termios, 'B' + str(b))}
deadline = time.time() + 20
while time.time() < deadline:
    attrs = termios.tcgetattr(master)
    if not (attrs[3] & termios.ICANON):
        break
    time.sleep(0.01)
# A serial library may set raw mode and the speed in separate calls: read them once they
# have not changed for 0.2 s (a fixed wait could still be too short on a loaded machine).
attrs, settled = termios.tcgetattr(master), time.time()
while time.time() - settled < 0.2 and time.time() < deadline:
    time.sleep(0.01)
    now = termios.tcgetattr(master)
    if now != attrs:
        attrs, settled = now, time.time()
print(json.dumps({'configured': not (attrs[3] & termios.ICANON), 'raw': not (attrs[3] & (termios.ICANON | termios.ECHO)),
                  'ispeed': SPEEDS.get(attrs[4]), 'ospeed': SPEEDS.get(attrs[5])}), flush=True)

with open(lines_file, 'rb') as f:
    data = f.read()
# A pty takes a few KB at a time; a reader that stopped (at --seconds) takes no more, so give
# up after 2 s without progress instead of blocking.
os.set_blocking(master, False)
sent, stalled = 0, time.time()
while sent < len(data) and time.time() - stalled < 2:
    try:
        sent += os.write(master, data[sent:sent + 1024])
        stalled = time.time()
    except BlockingIOError:
        time.sleep(0.01)
# What is unread on hang-up is lost: with --drain wait for the reader to take it all.
while drain and time.time() < deadline + 20:
    unread = array.array('i', [0])
    fcntl.ioctl(slave, termios.FIONREAD, unread, True)
    if unread[0] == 0:
        break
    time.sleep(0.01)
print(json.dumps({'written': sent}), flush=True)
time.sleep(linger)
os.close(slave)
os.close(master)
print(json.dumps({'hungup': True}), flush=True)
