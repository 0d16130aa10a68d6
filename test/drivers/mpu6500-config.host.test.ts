// Options, registers, ranges, channels, poll mode, calibration and setters, on the host
// against the simulated chip (vitest fake timers drive both).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MPU6500, connectI2C } from '../../src/drivers/mpu6500';
import { resolveOptions, defaultDlpf } from '../../src/drivers/mpu6500-config';
import { AccelRange, Dlpf, GyroRange, Reg } from '../../src/drivers/mpu6500-registers';
import { ACC_LSB, GYRO_LSB, simOnBus } from './helpers';

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

function codeOf(fn: () => unknown): string {
  try { fn(); } catch (e: any) { return e.code + ': ' + e.message; }
  return 'no error';
}

async function ready(drv: MPU6500, ms = 300) {
  var p = drv.init();
  await vi.advanceTimersByTimeAsync(ms);
  return p;
}

/** acc (m/s^2) and gyro (deg/s) held constant. */
function constant(values: number[]) {
  return (_t: number, out: Float64Array) => { for (var i = 0; i < 6; i++) out[i] = values[i]; };
}

describe('MPU6500 options', () => {
  it('derive the sample-rate divider and an anti-aliasing filter from the rate', () => {
    expect(resolveOptions({ rateHz: 100 }).regs[0]).toBe(9);
    expect(resolveOptions({ rateHz: 200 }).regs[0]).toBe(4);
    expect(resolveOptions({ rateHz: 1000 }).regs[0]).toBe(0);
    expect(defaultDlpf(100)).toBe(Dlpf.HZ41);
    expect(defaultDlpf(200)).toBe(Dlpf.HZ92);
    expect(defaultDlpf(50)).toBe(Dlpf.HZ20);
  });

  it('reject bad values with specific messages', () => {
    expect(codeOf(() => resolveOptions({ rateHz: 300 }))).toMatch(/^BAD_CONFIG: rateHz 300 is not 1000\/n/);
    expect(codeOf(() => resolveOptions({ rateHz: 0 }))).toMatch(/^BAD_CONFIG: rateHz must be a positive number/);
    expect(codeOf(() => resolveOptions({ accelRange: 5 }))).toMatch(/^BAD_CONFIG: accelRange must be one of/);
    expect(codeOf(() => resolveOptions({ gyroRange: 250 }))).toMatch(/^BAD_CONFIG: gyroRange must be one of/);
    expect(codeOf(() => resolveOptions({ address: 0x70 }))).toMatch(/^BAD_CONFIG: address must be 0x68 or 0x69/);
    expect(codeOf(() => resolveOptions({ mode: 'dma' }))).toMatch(/^BAD_CONFIG: mode must be 'fifo' or 'poll'/);
    expect(codeOf(() => resolveOptions({ fifoBytes: 4096 }))).toMatch(/^BAD_CONFIG: fifoBytes must be 512 or 1024/);
    expect(codeOf(() => resolveOptions({ channels: ['acc_x', 'mag_x'] }))).toMatch(/^CHANNEL_MISMATCH: The MPU6500 has no channel "mag_x"/);
    expect(codeOf(() => resolveOptions({ channels: ['acc_x', 'acc_x'] }))).toMatch(/^BAD_CONFIG: channel "acc_x" is listed twice/);
    expect(codeOf(() => new MPU6500({} as any))).toMatch(/^BAD_CONFIG: MPU6500 needs an I2C bus/);
  });
});

describe('MPU6500 init and readings', () => {
  it('configures the chip: awake, rate, filters, ranges, FIFO size, overflow flag', async () => {
    var { bus, sim } = simOnBus();
    await ready(connectI2C(bus, { rateHz: 200, accelRange: AccelRange.G8, gyroRange: GyroRange.DPS1000 }));
    expect(sim.regs[Reg.PWR_MGMT_1]).toBe(0x01);
    expect(sim.regs[Reg.SMPLRT_DIV]).toBe(4);
    expect(sim.regs[Reg.CONFIG]).toBe(Dlpf.HZ92);
    expect(sim.regs[Reg.GYRO_CONFIG]).toBe(GyroRange.DPS1000 << 3);
    expect(sim.regs[Reg.ACCEL_CONFIG]).toBe(AccelRange.G8 << 3);
    expect(sim.regs[Reg.ACCEL_CONFIG2]).toBe(0x40 | Dlpf.HZ92);
    expect(sim.fifo.size).toBe(1024);
    expect(sim.regs[Reg.INT_ENABLE]).toBe(0x10);
  });

  it('converts with the configured ranges and clips at full scale like the chip', async () => {
    var { bus, sim } = simOnBus({ signal: constant([5, -50, 9.80665, 100, -600, 0.5]) });
    var drv = await ready(new MPU6500(bus, { accelRange: AccelRange.G4, gyroRange: GyroRange.DPS500 }));
    var v = drv.readSample();
    expect(Math.abs(v[0] - 5)).toBeLessThanOrEqual(2 * ACC_LSB); // +-4 g: 2x the +-2 g LSB
    expect(v[1]).toBeCloseTo((-32768 / 8192) * 9.80665, 4); // -50 m/s^2 clips at -4 g
    expect(Math.abs(v[2] - 9.80665)).toBeLessThanOrEqual(2 * ACC_LSB);
    expect(Math.abs(v[3] - 100)).toBeLessThanOrEqual(2 * GYRO_LSB);
    expect(v[4]).toBeCloseTo(-32768 / 65.5, 3); // -600 deg/s clips at -500
    expect(Math.abs(v[5] - 0.5)).toBeLessThanOrEqual(2 * GYRO_LSB);
    sim.play(constant([0, 0, 0, 0, 0, 0]));
  });

  it('a register that does not keep what was written fails init with I2C_ERROR naming it', async () => {
    var { bus, sim } = simOnBus();
    // A flaky line: every write of SMPLRT_DIV lands with bit 0 flipped.
    bus.attach(0x68, {
      write: (bytes, stop) => sim.write(bytes[0] === Reg.SMPLRT_DIV && bytes.length > 1 ? Uint8Array.from(bytes, (b, i) => (i === 1 ? b ^ 1 : b)) : bytes, stop),
      read: (n) => sim.read(n),
    });
    var p = new MPU6500(bus).init();
    var caught = p.catch((e) => e);
    await vi.advanceTimersByTimeAsync(300);
    var err = await caught;
    expect(err.code).toBe('I2C_ERROR');
    expect(err.message).toBe('MPU6500 register 0x19 reads 0x08 after writing 0x09: check wiring and pull-ups');
  });

  it('refuses to read before init (NOT_INITIALISED)', () => {
    var { bus } = simOnBus();
    expect(codeOf(() => new MPU6500(bus).readSample())).toMatch(/^NOT_INITIALISED: MPU6500 not initialised: call init\(\)/);
  });

  it('delivers only the chosen channels, in the chosen order, and puts only what they need in the FIFO', async () => {
    var { bus, sim } = simOnBus({ signal: constant([1, 2, 3, 40, 50, 60]) });
    var drv = await ready(new MPU6500(bus, { channels: ['gyro_z', 'acc_x'] }));
    var got: number[][] = [];
    drv.start((_t, v) => got.push([...v]));
    await vi.advanceTimersByTimeAsync(400);
    drv.stop();
    expect(sim.regs[Reg.FIFO_EN]).toBe(0x78);
    expect(got.length).toBeGreaterThan(30);
    expect(got[5][0]).toBeCloseTo(60, 1);
    expect(got[5][1]).toBeCloseTo(1, 2);

    var acc = simOnBus({ signal: constant([1, 2, 3, 40, 50, 60]) });
    var drv2 = await ready(new MPU6500(acc.bus, { channels: ['acc_x', 'acc_y', 'acc_z'] }));
    var got2: number[][] = [];
    drv2.start((_t, v) => got2.push([...v]));
    await vi.advanceTimersByTimeAsync(400);
    expect(acc.sim.regs[Reg.FIFO_EN]).toBe(0x08); // accel only: 6-byte frames
    expect(got2[3].length).toBe(3);
    expect(got2[3][2]).toBeCloseTo(3, 2);
    drv2.stop();
  });

  it('poll mode reads a burst per timer tick, timestamped by the clock', async () => {
    var { bus } = simOnBus({ signal: (t, out) => { out.fill(0); out[0] = t / 1000; } });
    var drv = await ready(new MPU6500(bus, { mode: 'poll', rateHz: 50 }));
    var times: number[] = [];
    var ax: number[] = [];
    drv.start((t, v) => { times.push(t); ax.push(v[0]); });
    await vi.advanceTimersByTimeAsync(1000);
    drv.stop();
    expect(times.length).toBe(50);
    for (var i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBe(20);
    expect(ax[ax.length - 1]).toBeGreaterThan(ax[0]); // the signal moved on between polls
  });

  it('start() without init() initialises first', async () => {
    var { bus } = simOnBus();
    var drv = new MPU6500(bus);
    var n = 0;
    drv.start(() => { n++; });
    await vi.advanceTimersByTimeAsync(1000);
    drv.stop();
    expect(drv.initialised).toBe(true);
    expect(n).toBeGreaterThan(50);
    expect(drv.stats.reinits).toBe(0);
  });

  it('start() twice is refused; stop() ends delivery and turns the FIFO off', async () => {
    var { bus, sim } = simOnBus();
    var drv = await ready(new MPU6500(bus));
    var n = 0;
    drv.start(() => { n++; });
    expect(codeOf(() => drv.start(() => {}))).toMatch(/^BAD_CONFIG: MPU6500 already started/);
    await vi.advanceTimersByTimeAsync(500);
    drv.stop();
    var after = n;
    await vi.advanceTimersByTimeAsync(1000);
    expect(n).toBe(after);
    expect(sim.regs[Reg.USER_CTRL] & 0x40).toBe(0);
  });

  it('a handler that throws is not mistaken for a bus error', async () => {
    var { bus } = simOnBus();
    var drv = await ready(new MPU6500(bus));
    var errors: any[] = [];
    drv.start(() => { throw new Error('app bug'); }, (e) => errors.push(e));
    await expect(vi.advanceTimersByTimeAsync(300)).rejects.toThrow('app bug');
    drv.stop();
    expect(errors).toEqual([]);
    expect(drv.stats.busErrors).toBe(0);
  });
});

describe('MPU6500 setters', () => {
  it('validate, apply to an initialised chip, and are refused while running', async () => {
    var { bus, sim } = simOnBus();
    var drv = await ready(new MPU6500(bus));
    expect(codeOf(() => drv.setRate(300))).toMatch(/^BAD_CONFIG/);
    expect(drv.rateHz).toBe(100);
    drv.setRate(50);
    expect(drv.rateHz).toBe(50);
    expect(sim.regs[Reg.SMPLRT_DIV]).toBe(19);
    expect(sim.regs[Reg.CONFIG]).toBe(Dlpf.HZ20);
    drv.setAccelRange(AccelRange.G16);
    expect(sim.regs[Reg.ACCEL_CONFIG]).toBe(3 << 3);
    expect(codeOf(() => drv.setGyroRange(7))).toMatch(/^BAD_CONFIG: gyroRange must be one of/);
    drv.start(() => {});
    expect(codeOf(() => drv.setDlpf(Dlpf.HZ5))).toMatch(/^BAD_CONFIG: stop\(\) the MPU6500 before changing dlpf/);
    drv.stop();
  });
});

describe('MPU6500 gyro calibration', () => {
  it('measures the bias at rest and subtracts it', async () => {
    var { bus } = simOnBus({ signal: (t, out) => {
      out.fill(0); out[2] = 9.80665;
      var wobble = Math.sin(t / 7) * 0.05;
      out[3] = 1.5 + wobble; out[4] = -2 + wobble; out[5] = 0.25;
    } });
    var drv = await ready(new MPU6500(bus, { calibrateGyro: true, calibrationSamples: 50 }), 1000);
    expect(drv.gyroBias[0]).toBeCloseTo(1.5, 1);
    expect(drv.gyroBias[1]).toBeCloseTo(-2, 1);
    expect(drv.gyroBias[2]).toBeCloseTo(0.25, 1);
    var v = drv.readSample();
    expect(Math.abs(v[3])).toBeLessThan(0.1);
    expect(Math.abs(v[4])).toBeLessThan(0.1);
  });

  it('fails with NOT_AT_REST when the sensor moves', async () => {
    var { bus } = simOnBus({ signal: (t, out) => { out.fill(0); out[4] = 30 * Math.sin(t / 50); } });
    var p = new MPU6500(bus, { calibrateGyro: true }).init();
    var caught = p.catch((e) => e);
    await vi.advanceTimersByTimeAsync(1500);
    var err = await caught;
    expect(err.code).toBe('NOT_AT_REST');
    expect(err.message).toMatch(/gyro y spanned \d+\.\d+ deg\/s/);
  });
});
