// Stand-in (plain ES5, runs inside the real Espruino interpreter): a register-level MPU6500
// behind an I2C bus object, sampling on its own clock from getTime(), so an app's driver
// meets the same registers, FIFO and timing as on a board. What it feels is a recording in
// Storage: Float32 rows of acc_x, acc_y, acc_z (m/s^2), gyro_x, gyro_y, gyro_z (deg/s) at
// `rateHz`. Row 0 is the first sample the chip takes after the driver first enables and
// resets its FIFO (so a host replay from row 0 sees the samples the device sees).
// Usage: var bus = require("standin-mpu6500").create({ file: "rec.bin", rateHz: 100 });
//        I2C1 = bus;   // before the app runs (global.I2C1 = bus is ignored for a peripheral)
// Registers: WHO_AM_I 0x75, PWR_MGMT_1 0x6B (reset, sleep), SMPLRT_DIV 0x19, CONFIG 0x1A,
// ACCEL_CONFIG 0x1C, GYRO_CONFIG 0x1B, ACCEL_CONFIG2 0x1D (FIFO size), FIFO_EN 0x23,
// USER_CTRL 0x6A (FIFO enable/reset), INT_STATUS 0x3A (overflow, clears on read),
// FIFO_COUNTH/L 0x72/0x73, FIFO_R_W 0x74, data registers 0x3B..0x48.
// chip.readRows: the recording row of each whole frame read out of the FIFO, in order (a
// test shifts one per sample the app's pipeline gets, to replay exactly those on the host).
var G = 9.80665;
var ACCEL_LSB = [16384, 8192, 4096, 2048];
var GYRO_LSB = [131, 65.5, 32.8, 16.4];

function Chip(o) {
  this.rec = new Float32Array(require("Storage").readArrayBuffer(o.file));
  this.rows = this.rec.length / 6;
  this.whoAmI = o.whoAmI === undefined ? 0x70 : o.whoAmI;
  this.regs = new Uint8Array(128);
  this.ring = new Uint8Array(4096);
  this.stats = { samples: 0, overflowBytes: 0, firstRowAt: 0, rowsPlayed: 0, nacks: 0 };
  this.unplugged = false;
  this.anchor = -1; // tick of row 0, once the FIFO first streams
  this.powerOn();
}

Chip.prototype.powerOn = function () {
  this.regs.fill(0);
  this.regs[0x6b] = 0x41; // asleep, PLL clock
  this.size = 512; this.head = 0; this.count = 0; this.over = false; this.last = 0;
  this.fifoRows = []; this.readRows = []; this.popped = 0;
  this.running = false; this.ptr = 0;
};

Chip.prototype.periodMs = function () {
  var dlpf = this.regs[0x1a] & 7;
  return (1 + this.regs[0x19]) * 1000 / (dlpf === 0 || dlpf === 7 ? 8000 : 1000);
};

Chip.prototype.restartClock = function () {
  this.clockStart = getTime() * 1000;
  this.ticks = 0;
};

Chip.prototype.push = function (b) {
  if (this.count === this.size) {
    this.over = true;
    this.stats.overflowBytes++;
    if (this.regs[0x1a] & 0x40) return; // stop-when-full mode
    this.head = (this.head + 1) % this.size;
    this.count--;
  }
  this.ring[(this.head + this.count) % this.size] = b;
  this.count++;
};

Chip.prototype.pop = function () {
  if (this.count === 0) return this.last;
  // Which recording row each whole frame read out came from (readRows, for the test's hook).
  var frame = this.frameLength();
  if (frame && ++this.popped % frame === 0 && this.fifoRows.length) this.readRows.push(this.fifoRows.shift());
  this.last = this.ring[this.head];
  this.head = (this.head + 1) % this.size;
  this.count--;
  return this.last;
};

/** Bytes one FIFO frame holds, from FIFO_EN. */
Chip.prototype.frameLength = function () {
  var en = this.regs[0x23];
  return (en & 0x08 ? 6 : 0) + (en & 0x80 ? 2 : 0) + (en & 0x40 ? 2 : 0) + (en & 0x20 ? 2 : 0) + (en & 0x10 ? 2 : 0);
};

/**
 * Takes every sample whose time has come (real time), filling the FIFO. Samples that could
 * only pass through a full FIFO (or, with the FIFO off, be overwritten) are counted, not
 * computed: this interpreter is far too slow to model 8 kHz sampling one by one.
 */
Chip.prototype.sync = function () {
  if (!this.running) return;
  var period = this.periodMs();
  var due = Math.floor((getTime() * 1000 - this.clockStart) / period + 1e-9);
  if (due <= this.ticks) return;
  var en = this.regs[0x23], fifoOn = (this.regs[0x6a] & 0x40) && en, frame = this.frameLength();
  var keep = fifoOn ? Math.ceil(this.size / Math.max(frame, 1)) + 2 : 1;
  if (due - this.ticks > keep) {
    var skipped = due - this.ticks - keep;
    if (fifoOn) {
      if (this.anchor < 0) this.startPlayback(this.ticks + 1);
      this.over = true;
      this.stats.overflowBytes += skipped * frame;
    }
    this.stats.samples += skipped;
    this.ticks += skipped;
  }
  var aL = ACCEL_LSB[(this.regs[0x1c] >> 3) & 3] / G, gL = GYRO_LSB[(this.regs[0x1b] >> 3) & 3], r = this.regs;
  while (this.ticks < due) {
    this.ticks++;
    if (fifoOn && this.anchor < 0) this.startPlayback(this.ticks);
    var row = this.anchor < 0 || this.ticks < this.anchor ? 0 : this.ticks - this.anchor;
    if (row >= this.rows) row = this.rows - 1; else if (this.anchor >= 0) this.stats.rowsPlayed = row + 1;
    var o = row * 6;
    for (var i = 0; i < 6; i++) {
      var v = Math.round(this.rec[o + i] * (i < 3 ? aL : gL));
      if (v > 32767) v = 32767; else if (v < -32768) v = -32768;
      var reg = i < 3 ? 0x3b + 2 * i : 0x43 + 2 * (i - 3);
      r[reg] = (v >> 8) & 255;
      r[reg + 1] = v & 255;
    }
    r[0x41] = 5; r[0x42] = 55; // 25 C: (25 - 21) * 333.87 = 1335
    r[0x3a] |= 1;
    this.stats.samples++;
    if (!fifoOn) continue;
    this.fifoRows.push(row);
    if (this.fifoRows.length > Math.floor(this.size / frame)) this.fifoRows.shift(); // overwritten
    if (en & 0x08) for (i = 0; i < 6; i++) this.push(r[0x3b + i]);
    if (en & 0x80) { this.push(r[0x41]); this.push(r[0x42]); }
    if (en & 0x40) { this.push(r[0x43]); this.push(r[0x44]); }
    if (en & 0x20) { this.push(r[0x45]); this.push(r[0x46]); }
    if (en & 0x10) { this.push(r[0x47]); this.push(r[0x48]); }
  }
  if (this.over) r[0x3a] |= 0x10;
};

/** Row 0 of the recording is sampled at tick `tick`; its real time is kept for the test. */
Chip.prototype.startPlayback = function (tick) {
  this.anchor = tick;
  this.stats.firstRowAt = this.clockStart + tick * this.periodMs();
};

Chip.prototype.write = function (reg, v) {
  if (reg === 0x6b) {
    if (v & 0x80) { this.powerOn(); return; }
    this.regs[reg] = v;
    var on = (v & 0x40) === 0;
    if (on && !this.running) { this.running = true; this.restartClock(); }
    if (!on) this.running = false;
  } else if (reg === 0x19 || reg === 0x1a) {
    this.regs[reg] = v;
    if (this.running) this.restartClock();
  } else if (reg === 0x1d) {
    this.regs[reg] = v;
    this.size = 512 << ((v >> 6) & 3); this.head = 0; this.count = 0; this.fifoRows = []; this.popped = 0;
  } else if (reg === 0x6a) {
    if (v & 0x04) {
      this.head = 0; this.count = 0; this.over = false; this.fifoRows = []; this.popped = 0;
      // The driver starts streaming: the next sample is row 0.
      if (this.anchor < 0 && (v & 0x40) && this.running) this.startPlayback(this.ticks + 1);
    }
    this.regs[reg] = v & ~0x04 & 255;
  } else if (reg === 0x75 || reg === 0x3a || reg === 0x72 || reg === 0x73 || reg === 0x74 || (reg >= 0x3b && reg <= 0x48)) {
    return; // read-only
  } else this.regs[reg] = v;
};

Chip.prototype.read = function (n) {
  var out = new Uint8Array(n);
  for (var i = 0; i < n; i++) {
    var r = this.ptr;
    if (r === 0x74) { out[i] = this.pop(); continue; }
    if (r === 0x72) out[i] = (this.count >> 8) & 0x1f;
    else if (r === 0x73) out[i] = this.count & 255;
    else if (r === 0x75) out[i] = this.whoAmI;
    else if (r === 0x3a) { out[i] = this.regs[r]; this.regs[r] = 0; this.over = false; }
    else out[i] = this.regs[r];
    this.ptr = (r + 1) & 0x7f;
  }
  return out;
};

Chip.prototype.transaction = function () {
  if (this.unplugged) { this.stats.nacks++; throw new Error("I2C Error: NACK"); }
  this.sync();
};

function bytesOf(data) {
  if (typeof data === "number") return [data];
  if (typeof data === "string") { var a = []; for (var i = 0; i < data.length; i++) a.push(data.charCodeAt(i)); return a; }
  return data;
}

/** The bus: writeTo/readFrom as Espruino's I2C; `chip` for the test script to poke at. */
exports.create = function (o) {
  var chip = new Chip(o);
  var address = o.address || 0x68;
  function check(a) { if (a !== address) throw new Error("I2C Error: NACK (no device at " + a + ")"); }
  return {
    chip: chip,
    setup: function () {},
    writeTo: function (a, data) {
      check(a);
      chip.transaction();
      var b = bytesOf(data);
      if (!b.length) return;
      chip.ptr = b[0] & 0x7f;
      for (var i = 1; i < b.length; i++) { chip.write(chip.ptr, b[i]); chip.ptr = (chip.ptr + 1) & 0x7f; }
    },
    readFrom: function (a, n) {
      check(a);
      chip.transaction();
      return chip.read(n);
    }
  };
};
