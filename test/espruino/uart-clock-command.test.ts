// The line both Bluetooth bridges type into a board's console over the Nordic UART to set its
// clock (src/browser/nordic-uart.ts), fed to the real Espruino 2v29 console in its 20-byte
// writes: it must run silently (the "\x10" prefix: no echo, no "=undefined") and without an
// error. The Linux port's setTime does not move its clock, so only the parse and the silence
// are checked here; the outbox releasing held events once the clock is set is
// test/espruino/power-up.test.ts.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { it, expect } from 'vitest';
import { describeReal, ESPRUINO_DIR } from './helpers';
import { clockCommandChunks } from '../../src/browser/nordic-uart';

/** Types the chunks into the 2,630-variable (Puck.js-sized) console, then a marker line. */
function typeIntoConsole(chunks: Uint8Array[]): Promise<string> {
  return new Promise((resolve, reject) => {
    var child = spawn(path.join(ESPRUINO_DIR as string, 'espruino-linux-2630'), [], { stdio: ['pipe', 'pipe', 'pipe'] });
    var out = '';
    var timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('no marker in: ' + JSON.stringify(out))); }, 20000);
    child.stdout.on('data', (d) => {
      out += d.toString('latin1');
      if (out.indexOf('marker:function') >= 0) {
        clearTimeout(timer);
        child.kill('SIGKILL'); // the binaries ignore SIGTERM
        resolve(out);
      }
    });
    // Each chunk as its own write, a moment apart, as BLE writes arrive.
    var k = 0;
    var next = () => {
      if (k < chunks.length) {
        child.stdin.write(Buffer.from(chunks[k++]));
        setTimeout(next, 50);
      } else child.stdin.write('\x10print("marker:"+typeof setTime)\n');
    };
    setTimeout(next, 300);
  });
}

describeReal('the bridges\' clock command in the real console', () => {
  it('runs without echo, result or error when typed in 20-byte pieces', async () => {
    var chunks = clockCommandChunks(Date.UTC(2026, 11, 2, 1, 0, 0, 250));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length <= 20)).toBe(true);
    var out = await typeIntoConsole(chunks);
    var after = out.slice(out.indexOf('Donate'));
    expect(after).not.toContain('setTime(');
    expect(after).not.toContain('=undefined');
    expect(after).not.toMatch(/Uncaught|Error/);
    expect(after).toContain('marker:function');
  });
});
