// Node entry: espruino-gestures/testing. Simulated hardware and the Espruino sandbox,
// for this package's tests and for users' own.
export { FakeI2CBus, I2C_ERROR_TEXT, flattenBytes } from './i2c-bus';
export type { I2CDevice, BusFault } from './i2c-bus';
export { createEspruinoSandbox, packageRoot, BOARD_DIRS } from './sandbox';
export type { EspruinoSandbox, SandboxOptions, SandboxBoard, IoWaiter } from './sandbox';
export { lintEspruinoCode, assertEspruinoSafe } from './espruino-lint';
export type { LintProblem } from './espruino-lint';
export { VirtualTimers } from './virtual-timers';
export { FakeStorage } from './fakes/storage';
export { makeEmitter } from './fakes/emitter';
export { estimateJsVars } from './jsvar-estimate';
// Simulated MPU6500 (register level, FIFO, faults), recordings, built-in accelerometer fakes.
export { SimulatedMPU6500 } from './mpu6500-sim';
export type { SimulatedMPU6500Options } from './mpu6500-sim';
export { SimFifo } from './sim-fifo';
export { recordingSignal, functionSignal, restSignal } from './sim-signal';
export type { Signal, SignalFunction, PlaybackOptions } from './sim-signal';
export { parseRecordingCsv, readRecordingFile, recordingValue } from './recording';
export type { Recording } from './recording';
export { createFakeBangle } from './fakes/accel-bangle';
export type { FakeBangle } from './fakes/accel-bangle';
export { createFakePuck, PUCK_ACCEL_ON_RATES } from './fakes/accel-puck';
export type { FakePuck } from './fakes/accel-puck';
export type { FakeTimers, FakeAccelOptions } from './fakes/accel-signal';
// Outputs: Wifi/http/net bridged to real sockets on 127.0.0.1, and the NRF (BLE) object.
export { installNetworkFakes } from './fakes/network';
export type { NetworkFakes, NetworkFakesOptions } from './fakes/network';
export type { HttpRequestRecord } from './fakes/network-http';
export type { FakeWifiOptions } from './fakes/network-wifi';
export { SOCKET_ERRORS } from './fakes/network-state';
export { installBleFakes } from './fakes/ble';
export type { BleNotification, BleAdvert } from './fakes/ble';
export { espruinoRegExpProblems } from './espruino-regexp';
// The real Espruino interpreter (Linux build, board-sized variable stores).
export { EspruinoWorld, findEspruino, espruinoMissingReason, storageModules, cleanEspruinoOutput, BOARD_BUILDS, REPORT_FN } from './espruino-real';
export type { EspruinoBuild, EspruinoRunResult, EspruinoRecord, EspruinoWorldOptions } from './espruino-real';
