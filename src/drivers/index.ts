// Sample sources: the MPU6500 over I2C and the built-in sensors of Bangle.js 2 and Puck.js v2.
export { MPU6500, connectI2C } from './mpu6500';
export type { MPU6500Stats } from './mpu6500';
export type { MPU6500Options, MPU6500Config } from './mpu6500-config';
export { resolveOptions as resolveMPU6500Options } from './mpu6500-config';
export { AccelRange, GyroRange, Dlpf, Reg as MPU6500Reg, Bits as MPU6500Bits, ChipId, MPU6500_ADDRESS,
  ACCEL_LSB_PER_G, GYRO_LSB_PER_DPS, DLPF_BANDWIDTH_HZ, FIFO_SIZE } from './mpu6500-registers';
export { busError } from './i2c';
export type { I2CBus } from './i2c';
export { BangleAccelSource, BANGLE_DEFAULT_POLL_MS } from './bangle';
export type { BangleAccelOptions } from './bangle';
export { PuckAccelSource, PUCK_RATES, PUCK_ACC_LSB_PER_G, PUCK_GYRO_LSB_PER_DPS } from './puck';
export type { PuckAccelOptions } from './puck';
