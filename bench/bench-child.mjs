// A bench's own script run again as a child process that speaks JSON lines on stdout (not a
// bench itself: run.mjs runs *.bench.mjs). The receiver and MQTT benches use it to put the
// server under test, and its no-work baseline, in a process of its own.
import { spawn } from 'node:child_process';

/** Spawns `script` with `args`; resolves with { proc, next() } and the fields of its first line. */
export function startChild(script, args) {
  var proc = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  var lines = [];
  var waiting = [];
  var buf = '';
  proc.stdout.on('data', (d) => {
    buf += d;
    for (var nl; (nl = buf.indexOf('\n')) >= 0; buf = buf.slice(nl + 1)) {
      var line = JSON.parse(buf.slice(0, nl));
      if (waiting.length) waiting.shift()(line);
      else lines.push(line);
    }
  });
  var next = () => new Promise((resolve) => (lines.length ? resolve(lines.shift()) : waiting.push(resolve)));
  return new Promise((resolve, reject) => {
    proc.on('exit', (code) => reject(new Error('child exited with code ' + code)));
    next().then((first) => resolve({ proc, next, ...first }));
  });
}

/** Closes the child's stdin and resolves with the last line it printed before exiting. */
export function stopChild(c) {
  return new Promise((resolve) => {
    var last = null;
    c.next().then((l) => (last = l));
    c.proc.removeAllListeners('exit');
    c.proc.on('exit', () => setImmediate(() => resolve(last)));
    c.proc.stdin.end();
  });
}
