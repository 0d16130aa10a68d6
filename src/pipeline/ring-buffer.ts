// A fixed-size ring of float32 values for one channel: the windower keeps one per model
// channel. Nothing is allocated after construction.

export class RingBuffer {
  /** The storage; index `head - 1` (wrapped) holds the newest value. */
  data: Float32Array;
  capacity: number;
  /** Next write position. */
  head: number;
  /** How many values are held (at most capacity). */
  count: number;

  constructor(capacity: number) {
    if (!(capacity >= 1) || Math.floor(capacity) !== capacity) {
      throw new Error('RingBuffer capacity must be a positive integer, got ' + capacity);
    }
    this.data = new Float32Array(capacity);
    this.capacity = capacity;
    this.head = 0;
    this.count = 0;
  }

  push(value: number): void {
    this.data[this.head] = value;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.count < this.capacity) this.count++;
  }

  /** The value `age` samples old (0 = newest). The caller keeps age < count. */
  at(age: number): number {
    var i = this.head - 1 - age;
    if (i < 0) i += this.capacity;
    return this.data[i];
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}
