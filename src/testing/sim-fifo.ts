// The MPU6500's FIFO as a byte ring. In overwrite mode (CONFIG FIFO_MODE = 0) a byte
// arriving when full replaces the oldest one, so frame alignment is lost, like the chip.

export class SimFifo {
  private ring = new Uint8Array(4096);
  private head = 0;
  /** Bytes held. */
  count = 0;
  /** Capacity in bytes (512 at power-on; 1024..4096 via ACCEL_CONFIG2 bits 7:6). */
  size = 512;
  /** Set when a byte was lost; the model mirrors it into INT_STATUS. */
  overflowed = false;
  private lastRead = 0;

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  push(byte: number, stopWhenFull: boolean): void {
    if (this.count === this.size) {
      this.overflowed = true;
      if (stopWhenFull) return;
      this.head = (this.head + 1) % this.size;
      this.count--;
    }
    this.ring[(this.head + this.count) % this.size] = byte;
    this.count++;
  }

  /** Pops one byte; an empty FIFO repeats the last byte read. */
  pop(): number {
    if (this.count === 0) return this.lastRead;
    this.lastRead = this.ring[this.head];
    this.head = (this.head + 1) % this.size;
    this.count--;
    return this.lastRead;
  }

  resize(size: number): void {
    if (size === this.size) return;
    this.size = size;
    this.clear();
  }
}
