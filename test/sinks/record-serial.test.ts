// `record` on a serial port through the serialport package: a pseudo-terminal stands in for
// the board's USB serial (test/sinks/pty-board.py plays a recorder's console output into it),
// so the port is opened, set to the baud rate and raw mode, and read by the library itself.
import { describe, it, expect, afterEach } from 'vitest';
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import readline from 'node:readline';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/index';
import { loadSerialPort, isSerialPortName, SERIALPORT_RANGE } from '../../src/host/serial-port';

var PLAYER = path.join(__dirname, 'pty-board.py');
var python = spawnSync('python3', ['-c', 'import pty, termios, fcntl'], { encoding: 'utf8' });
var hasPython = !python.error && python.status === 0;
var onLinux = process.platform === 'linux';
// CI has python3 (Debian's); elsewhere its absence skips with the reason below.
var needs = hasPython && onLinux ? it : process.env.CI ? it : it.skip;
if (!(hasPython && onLinux)) console.warn('record-serial: ' + (onLinux ? 'python3 with pty/termios not found' : 'pseudo-terminals are tested on Linux') + (process.env.CI ? '' : ': skipped'));

var dirs: string[] = [];
var boards: ChildProcess[] = [];
afterEach(() => {
  boards.splice(0).forEach((b) => { if (b.exitCode === null) b.kill('SIGKILL'); });
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function tmpDir(): string {
  var d = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-rec-serial-'));
  dirs.push(d);
  return d;
}

/** What the recorder example prints on its console: prompt, CRLF, a board message, samples every 10 ms. */
function recorderOutput(seconds: number): string {
  var lines = ['>acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms', '# recorder: starting'];
  for (var t = 0; t <= seconds * 1000; t += 10) lines.push([(t / 1000).toFixed(4), '-0.2000', '9.8000', '1.0000', '2.0000', '3.0000', 52000 + t].join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Starts the pseudo-terminal board; resolves its port name and collects its status lines. */
function startBoard(linesFile: string, hangupAfterSeconds: number, drain: boolean): Promise<{ port: string; status: any[]; done: Promise<void> }> {
  var board = spawn('python3', [PLAYER, linesFile, '--hangup-after-seconds', String(hangupAfterSeconds)].concat(drain ? ['--drain'] : []), { stdio: ['ignore', 'pipe', 'inherit'] });
  boards.push(board);
  var status: any[] = [];
  var done = new Promise<void>((resolve) => board.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    board.on('error', reject);
    readline.createInterface({ input: board.stdout! }).on('line', (line) => {
      var s = JSON.parse(line);
      status.push(s);
      if (s.port) resolve({ port: s.port, status, done });
    });
  });
}

async function record(args: string[]) {
  var out: string[] = [], err: string[] = [];
  var code = await main(['record', ...args], { stdin: new PassThrough(), out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('record from a serial port (serialport on a pseudo-terminal)', () => {
  needs('opens the port at --baud in raw mode, strips the console prompt and stops after --seconds', async () => {
    var dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'board.txt'), recorderOutput(3));
    var board = await startBoard(path.join(dir, 'board.txt'), 0.2, false);
    var out = path.join(dir, 'a.csv');
    var r = await record(['--input', board.port, '--baud', '57600', '--out', out, '--no-keys', '--seconds', '2']);
    expect(r.code, r.err).toBe(0);
    await board.done;
    var configured = board.status.find((s) => 'configured' in s);
    expect(configured).toEqual({ configured: true, raw: true, ispeed: 57600, ospeed: 57600 });
    expect(r.err).toContain('Reading serial port ' + board.port + ' at 57600 baud.');
    expect(r.err).toMatch(/board: # recorder: starting/);
    var rows = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms');
    expect(rows[1]).toBe('0.0000,-0.2000,9.8000,1.0000,2.0000,3.0000,0');
    expect(rows[rows.length - 1]).toBe('2.0000,-0.2000,9.8000,1.0000,2.0000,3.0000,2000');
    expect(rows.length).toBe(1 + 201);
    expect(r.out).toMatch(/Wrote 201 samples to .*a\.csv \(no gestures marked\)/);
  });

  needs('saves everything that arrived when the board goes away (hang-up), at the default 115200 baud', async () => {
    var dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'board.txt'), recorderOutput(1));
    var board = await startBoard(path.join(dir, 'board.txt'), 0.1, true);
    var out = path.join(dir, 'b.csv');
    var r = await record(['--input', board.port, '--out', out, '--no-keys']);
    expect(r.code, r.err).toBe(0);
    await board.done;
    expect(board.status.find((s) => 'configured' in s).ospeed).toBe(115200);
    expect(board.status.find((s) => 'written' in s).written).toBe(fs.statSync(path.join(dir, 'board.txt')).size);
    expect(board.status.some((s) => s.hungup)).toBe(true);
    expect(r.err).toMatch(/the serial port closed \(board unplugged or reset\?\); saved what arrived/);
    var rows = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(rows.length).toBe(1 + 101);
    expect(rows[rows.length - 1]).toBe('1.0000,-0.2000,9.8000,1.0000,2.0000,3.0000,1000');
  });

  needs('names the port and the reason when it cannot be opened, exit 2', async () => {
    var r = await record(['--input', '/dev/null', '--out', path.join(tmpDir(), 'c.csv'), '--no-keys']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot open serial port \/dev\/null: /);
  });
});

describe('which --input is a serial port', () => {
  it('takes Windows COM names and character devices for ports, files for files', () => {
    expect(isSerialPortName('COM3')).toBe(true);
    expect(isSerialPortName('com12')).toBe(true);
    expect(isSerialPortName('\\\\.\\COM15')).toBe(true);
    if (process.platform !== 'win32') expect(isSerialPortName('/dev/null')).toBe(true);
    var file = path.join(tmpDir(), 'capture.txt');
    fs.writeFileSync(file, 'acc_x,ms\n');
    expect(isSerialPortName(file)).toBe(false);
    expect(isSerialPortName(path.join(tmpDir(), 'missing'))).toBe(false);
  });
});

describe('the serialport package is optional', () => {
  it('says what to install when it is missing', () => {
    var notFound = (name: string) => { var e: any = new Error("Cannot find module '" + name + "'"); e.code = 'MODULE_NOT_FOUND'; throw e; };
    expect(() => loadSerialPort(notFound)).toThrow(expect.objectContaining({ code: 'PEER_MISSING', peers: ['serialport'] }));
    expect(() => loadSerialPort(notFound)).toThrow('reading a serial port needs the optional package "serialport", which is not installed. Install it beside espruino-gestures: npm install serialport@' + SERIALPORT_RANGE);
    expect(() => loadSerialPort(notFound)).toThrow(/Or pipe the port into standard input \(--input -\)/);
  });

  it('loads the installed one (a devDependency here), and package.json declares it as an optional peer at that range', () => {
    expect(typeof loadSerialPort()).toBe('function');
    var pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
    expect(pkg.peerDependencies.serialport).toBe(SERIALPORT_RANGE);
    expect(pkg.peerDependenciesMeta.serialport).toEqual({ optional: true });
    expect(pkg.devDependencies.serialport).toBe(SERIALPORT_RANGE);
    expect(pkg.dependencies.serialport).toBeUndefined();
  });
});
