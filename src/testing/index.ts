// Node entry: espruino-gestures/testing. Simulated hardware and the Espruino sandbox,
// for this package's tests and for users' own.
export { FakeI2CBus, I2C_ERROR_TEXT, flattenBytes } from './i2c-bus';
export type { I2CDevice, BusFault } from './i2c-bus';
export { createEspruinoSandbox, packageRoot, BOARD_DIRS } from './sandbox';
export type { EspruinoSandbox, SandboxOptions, SandboxBoard } from './sandbox';
export { lintEspruinoCode, assertEspruinoSafe } from './espruino-lint';
export type { LintProblem } from './espruino-lint';
export { VirtualTimers } from './virtual-timers';
export { FakeStorage } from './fakes/storage';
export { makeEmitter } from './fakes/emitter';
export { estimateJsVars } from './jsvar-estimate';
