// MPU6500 register map (InvenSense MPU-6500 Register Map rev 2.1), named once so the
// driver and the simulator cannot disagree about an address or a bit.

export var MPU6500_ADDRESS = 0x68; // AD0 low; 0x69 with AD0 high

export var Reg = {
  SMPLRT_DIV: 0x19,
  CONFIG: 0x1a,
  GYRO_CONFIG: 0x1b,
  ACCEL_CONFIG: 0x1c,
  ACCEL_CONFIG2: 0x1d,
  FIFO_EN: 0x23,
  INT_ENABLE: 0x38,
  INT_STATUS: 0x3a,
  ACCEL_XOUT_H: 0x3b,
  TEMP_OUT_H: 0x41,
  GYRO_XOUT_H: 0x43,
  USER_CTRL: 0x6a,
  PWR_MGMT_1: 0x6b,
  PWR_MGMT_2: 0x6c,
  FIFO_COUNTH: 0x72,
  FIFO_COUNTL: 0x73,
  FIFO_R_W: 0x74,
  WHO_AM_I: 0x75
};

/** Bits inside the registers above. */
export var Bits = {
  /** PWR_MGMT_1: device reset (self-clearing). */
  RESET: 0x80,
  /** PWR_MGMT_1: sleep. */
  SLEEP: 0x40,
  /** PWR_MGMT_1: clock source = PLL with gyro reference when available. */
  CLKSEL_PLL: 0x01,
  /** CONFIG bit 6: 1 = FIFO stops when full, 0 = new data overwrites the oldest. */
  FIFO_MODE_STOP: 0x40,
  /** CONFIG bits 2:0. */
  DLPF_MASK: 0x07,
  /** USER_CTRL: enable the FIFO. */
  FIFO_ENABLE: 0x40,
  /** USER_CTRL: reset the FIFO (self-clearing). */
  FIFO_RESET: 0x04,
  /** INT_ENABLE / INT_STATUS: FIFO overflow. */
  FIFO_OFLOW: 0x10,
  /** INT_STATUS: raw data ready. */
  RAW_DATA_RDY: 0x01,
  /** FIFO_EN: which sensors go into the FIFO (frames hold them in register order). */
  FIFO_TEMP: 0x80,
  FIFO_XG: 0x40,
  FIFO_YG: 0x20,
  FIFO_ZG: 0x10,
  FIFO_ACCEL: 0x08
};

/** WHO_AM_I values: the part we want, the compatible ones, and a common look-alike. */
export var ChipId = {
  MPU6500: 0x70,
  MPU9250: 0x71,
  MPU9255: 0x73,
  MPU6050: 0x68
};

/** FIFO size in bytes. */
export var FIFO_SIZE = 512;

/** Accelerometer full scale in g; the value is the ACCEL_CONFIG bits 4:3 field. */
export var AccelRange = { G2: 0, G4: 1, G8: 2, G16: 3 };
/** Gyro full scale in deg/s; the value is the GYRO_CONFIG bits 4:3 field. */
export var GyroRange = { DPS250: 0, DPS500: 1, DPS1000: 2, DPS2000: 3 };

/** LSB per g for AccelRange 0..3. */
export var ACCEL_LSB_PER_G = [16384, 8192, 4096, 2048];
/** LSB per deg/s for GyroRange 0..3. */
export var GYRO_LSB_PER_DPS = [131, 65.5, 32.8, 16.4];

/**
 * Gyro/temperature low-pass filter (CONFIG DLPF_CFG), bandwidth in Hz. With DLPF_CFG 1..6
 * the internal sample rate is 1 kHz, so SMPLRT_DIV = 1000 / rate - 1.
 */
export var Dlpf = { HZ184: 1, HZ92: 2, HZ41: 3, HZ20: 4, HZ10: 5, HZ5: 6 };
/** Bandwidth in Hz for Dlpf 1..6 (index = DLPF_CFG). */
export var DLPF_BANDWIDTH_HZ = [250, 184, 92, 41, 20, 10, 5];
