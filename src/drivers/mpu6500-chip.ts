// The MPU6500's set-up steps, as functions over register access: identify the chip, write
// and verify the configuration, check it is still there, restart the FIFO.
import { deviceError, ErrorCodes } from '../core/errors';
import { hex2, RegisterIO } from './i2c';
import { Bits, ChipId, Reg } from './mpu6500-registers';
import type { MPU6500Config } from './mpu6500-config';

/** Reads WHO_AM_I; returns it when the part is an MPU6500 or compatible, else throws WRONG_CHIP. */
export function checkChip(io: RegisterIO, address: number): number {
  var id = io.read(Reg.WHO_AM_I, 1)[0];
  if (id === ChipId.MPU6500 || id === ChipId.MPU9250 || id === ChipId.MPU9255) return id;
  var what = id === ChipId.MPU6050 ? 'an MPU6050' : id === 0x00 || id === 0xff ? 'no chip answering properly' : 'unknown part';
  throw deviceError(ErrorCodes.WRONG_CHIP, 'Failed to find MPU6500 at 0x' + hex2(address) +
    ': WHO_AM_I = 0x' + hex2(id) + ' (' + what + ') - check your wiring/part', { found: id, address: address });
}

/** Writes rate, filters, ranges (FIFO off) and the overflow interrupt flag, then reads them back. */
export function writeConfig(io: RegisterIO, config: MPU6500Config): void {
  var regs = config.regs;
  io.write(Reg.USER_CTRL, 0);
  io.write(Reg.FIFO_EN, 0);
  for (var i = 0; i < regs.length; i++) io.write(Reg.SMPLRT_DIV + i, regs[i]);
  io.write(Reg.INT_ENABLE, Bits.FIFO_OFLOW);
  var back = io.read(Reg.SMPLRT_DIV, regs.length);
  for (var j = 0; j < regs.length; j++) {
    if (back[j] !== regs[j]) {
      throw deviceError(ErrorCodes.I2C_ERROR, 'MPU6500 register 0x' + hex2(Reg.SMPLRT_DIV + j) + ' reads 0x' +
        hex2(back[j]) + ' after writing 0x' + hex2(regs[j]) + ': check wiring and pull-ups',
        { address: config.address, register: Reg.SMPLRT_DIV + j });
    }
  }
}

/**
 * True when the chip is awake and holds the configuration (and, with `fifoRunning`, the
 * FIFO settings). False after a power cycle: it wakes asleep with registers cleared.
 */
export function configIntact(io: RegisterIO, config: MPU6500Config, fifoRunning: boolean): boolean {
  var power = io.read(Reg.PWR_MGMT_1, 1)[0];
  if ((power & Bits.SLEEP) || (power & 0x07) !== Bits.CLKSEL_PLL) return false;
  var regs = config.regs;
  var back = io.read(Reg.SMPLRT_DIV, regs.length);
  for (var i = 0; i < regs.length; i++) if (back[i] !== regs[i]) return false;
  if (!fifoRunning) return true;
  return io.read(Reg.FIFO_EN, 1)[0] === config.fifoEnable && (io.read(Reg.USER_CTRL, 1)[0] & Bits.FIFO_ENABLE) !== 0;
}

/**
 * Empties the FIFO and starts filling it with the configured frame. INT_STATUS is read while
 * the FIFO is off: its overflow bit stays latched until read (a FIFO reset does not clear it),
 * and a stale bit would report an overflow that never happened after the restart.
 */
export function restartFifo(io: RegisterIO, config: MPU6500Config): void {
  io.write(Reg.USER_CTRL, 0);
  io.write(Reg.FIFO_EN, config.fifoEnable);
  io.read(Reg.INT_STATUS, 1);
  io.write(Reg.USER_CTRL, Bits.FIFO_ENABLE | Bits.FIFO_RESET);
}
