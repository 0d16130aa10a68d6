// The simulated MPU6500 itself: what users rely on when they test their own drivers with it.
import { describe, expect, it } from 'vitest';
import { SimulatedMPU6500 } from '../../src/testing/mpu6500-sim';
import { parseRecordingCsv } from '../../src/testing/recording';
import { Bits, Reg } from '../../src/drivers/mpu6500-registers';
import { FakeI2CBus } from '../../src/testing/i2c-bus';
import { loadCircle } from './helpers';

function rig(options: any = {}) {
  var clock = { now: 0 };
  var bus = new FakeI2CBus();
  var sim = new SimulatedMPU6500({ now: () => clock.now, ...options });
  bus.attach(0x68, sim);
  var read = (reg: number, n: number) => { bus.writeTo(0x68, reg); return Array.from(bus.readFrom(0x68, n)); };
  var write = (reg: number, v: number) => bus.writeTo(0x68, [reg, v]);
  return { clock, bus, sim, read, write };
}

function wakeWithFifo(r: ReturnType<typeof rig>, fifoEn = 0x78, div = 9) {
  r.write(Reg.PWR_MGMT_1, 0x01);
  r.write(Reg.SMPLRT_DIV, div);
  r.write(Reg.CONFIG, 3);
  r.write(Reg.FIFO_EN, fifoEn);
  r.write(Reg.USER_CTRL, Bits.FIFO_ENABLE | Bits.FIFO_RESET);
}

describe('SimulatedMPU6500', () => {
  it('powers up asleep with WHO_AM_I 0x70 and takes no samples until woken', () => {
    var r = rig();
    expect(r.read(Reg.WHO_AM_I, 1)).toEqual([0x70]);
    expect(r.read(Reg.PWR_MGMT_1, 1)[0] & Bits.SLEEP).toBe(Bits.SLEEP);
    r.clock.now = 1000;
    expect(r.sim.samplesTaken).toBe(0);
    r.write(Reg.PWR_MGMT_1, 0x01);
    r.clock.now = 1100;
    r.read(Reg.ACCEL_XOUT_H, 14);
    expect(r.sim.samplesTaken).toBe(800); // DLPF off (CONFIG 0): 8 kHz internal rate, SMPLRT_DIV 0
  });

  it('fills the FIFO with 12-byte frames at the configured rate; count and data are big-endian', () => {
    var r = rig({ signal: (_t: number, out: Float64Array) => { out.fill(0); out[0] = 9.80665; out[5] = -1; } });
    wakeWithFifo(r);
    r.clock.now = 100;
    var count = r.read(Reg.FIFO_COUNTH, 2);
    expect((count[0] << 8) | count[1]).toBe(120);
    var frame = r.read(Reg.FIFO_R_W, 12);
    expect((frame[0] << 8) | frame[1]).toBe(16384); // 1 g on x at +-2 g
    expect(((frame[10] << 8) | frame[11]) - 65536).toBe(-131); // -1 deg/s on z at +-250
  });

  it('overflows like the chip: oldest bytes replaced, alignment lost, INT_STATUS bit 4 set until read', () => {
    var r = rig();
    wakeWithFifo(r);
    r.clock.now = 500; // 50 frames = 600 bytes > 512
    var count = r.read(Reg.FIFO_COUNTH, 2);
    expect((count[0] << 8) | count[1]).toBe(512);
    expect(512 % 12).not.toBe(0);
    expect(r.read(Reg.INT_STATUS, 1)[0] & Bits.FIFO_OFLOW).toBe(Bits.FIFO_OFLOW);
    expect(r.read(Reg.INT_STATUS, 1)[0] & Bits.FIFO_OFLOW).toBe(0); // cleared on read
  });

  it('keeps the INT_STATUS overflow bit latched across a FIFO reset, until INT_STATUS is read (as the chip)', () => {
    var r = rig();
    wakeWithFifo(r);
    r.clock.now = 500; // overflowed
    r.write(Reg.USER_CTRL, Bits.FIFO_ENABLE | Bits.FIFO_RESET);
    r.clock.now = 510;
    var count = r.read(Reg.FIFO_COUNTH, 2);
    expect((count[0] << 8) | count[1]).toBe(12); // one fresh frame since the reset
    expect(r.read(Reg.INT_STATUS, 1)[0] & Bits.FIFO_OFLOW).toBe(Bits.FIFO_OFLOW); // still latched
    expect(r.read(Reg.INT_STATUS, 1)[0] & Bits.FIFO_OFLOW).toBe(0);
  });

  it('holds 1 KB when ACCEL_CONFIG2 bits 7:6 ask for it (as InvenSense\'s Motion Driver sets)', () => {
    var r = rig();
    wakeWithFifo(r);
    r.write(Reg.ACCEL_CONFIG2, 0x40 | 3);
    r.write(Reg.USER_CTRL, Bits.FIFO_ENABLE | Bits.FIFO_RESET);
    r.clock.now = 800;
    var count = r.read(Reg.FIFO_COUNTH, 2);
    expect((count[0] << 8) | count[1]).toBe(960);
    expect(r.read(Reg.INT_STATUS, 1)[0] & Bits.FIFO_OFLOW).toBe(0);
  });

  it('plays a 100 Hz recording at 200 Hz by sample-and-hold, or interpolates when asked', () => {
    var rec = parseRecordingCsv('acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms\n0,0,0,0,0,0,0\n0,0,0,10,0,0,10\n0,0,0,20,0,0,20\n');
    for (var [interpolation, want] of [['hold', [0, 0, 10, 10, 20]], ['linear', [0, 5, 10, 15, 20]]] as const) {
      var r = rig({ signal: rec, interpolation });
      wakeWithFifo(r, 0x40, 4); // gyro x only, 200 Hz
      r.clock.now = 25;
      var bytes = r.read(Reg.FIFO_R_W, 10);
      var gx = [0, 2, 4, 6, 8].map((i) => Math.round(((bytes[i] << 8) | bytes[i + 1]) / 131 * 10) / 10);
      expect(gx, interpolation).toEqual(want);
    }
  });

  it('injects NACKs, timeouts, a wrong id and unplug/replug (back at power-on defaults)', () => {
    var r = rig({ whoAmI: 0x68 });
    expect(r.read(Reg.WHO_AM_I, 1)).toEqual([0x68]);
    r.sim.failNext('nack');
    expect(() => r.read(Reg.WHO_AM_I, 1)).toThrow("doesn't ACK");
    r.sim.failNext('timeout');
    expect(() => r.read(Reg.WHO_AM_I, 1)).toThrow('I2C Timeout');
    wakeWithFifo(r);
    r.sim.unplug();
    expect(() => r.read(Reg.PWR_MGMT_1, 1)).toThrow("doesn't ACK");
    r.sim.replug();
    expect(r.read(Reg.PWR_MGMT_1, 1)[0] & Bits.SLEEP).toBe(Bits.SLEEP);
    expect(r.read(Reg.USER_CTRL, 1)).toEqual([0]);
  });

  it('reads the seed recording: 1347 rows at 100 Hz', () => {
    var rec = loadCircle();
    expect(rec.length).toBe(1347);
    expect(rec.rateHz).toBe(100);
    expect(rec.channels).toEqual(['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z']);
  });

  it('rejects malformed recordings with the line at fault', () => {
    expect(() => parseRecordingCsv('acc_x,acc_y\n1,2\n')).toThrow(/line 1: no "ms" column/);
    expect(() => parseRecordingCsv('acc_x,ms\n1,0\nx,10\n', 'r.csv')).toThrow('r.csv line 3: field "acc_x" is not a number: "x"');
    expect(() => parseRecordingCsv('acc_x,ms\n1,0\n2\n')).toThrow(/line 3: has 1 fields, header has 2/);
    expect(() => parseRecordingCsv('acc_x,ms\n1,10\n2,10\n')).toThrow(/line 3: ms 10 does not increase/);
    expect(() => new SimulatedMPU6500({ now: () => 0, signal: parseRecordingCsv('acc_x,ms\n1,0\n') })).toThrow(/recording lacks channel "acc_y"/);
  });
});
