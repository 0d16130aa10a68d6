// Espruino's timers on a virtual clock: a test drives minutes of device time in
// milliseconds, and the order of callbacks is exactly the order of their due times.

interface Timer {
  id: number;
  due: number;
  interval: number; // 0 for setTimeout
  fn: (...args: any[]) => void;
  args: any[];
  seq: number; // creation order breaks ties between equal due times
}

export class VirtualTimers {
  /** Virtual ms since boot. */
  now = 0;
  private timers: Timer[] = [];
  private nextId = 1;
  private seq = 0;

  setTimeout(fn: (...a: any[]) => void, ms?: number, args?: any[]): number {
    return this.add(fn, ms, 0, args || []);
  }

  setInterval(fn: (...a: any[]) => void, ms?: number, args?: any[]): number {
    var period = Math.max(Number(ms) || 0, 0.001);
    return this.add(fn, period, period, args || []);
  }

  clear(id?: number): void {
    if (id === undefined) {
      this.timers = []; // Espruino: clearInterval() with no argument clears all
      return;
    }
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  changeInterval(id: number, ms: number): void {
    var t = this.timers.find((x) => x.id === id);
    if (!t) throw new Error('Unknown Interval');
    t.interval = Math.max(ms, 0.001);
    t.due = this.now + t.interval;
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Removes and returns the next timer due at or before `until`, advancing `now` to it. */
  takeDue(until: number): Timer | null {
    var best: Timer | null = null;
    for (var t of this.timers) {
      if (t.due > until) continue;
      if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    if (!best) return null;
    this.now = Math.max(this.now, best.due);
    if (best.interval > 0) {
      best.due += best.interval;
      best.seq = this.seq++;
    } else {
      this.timers = this.timers.filter((x) => x !== best);
    }
    return best;
  }

  private add(fn: (...a: any[]) => void, ms: number | undefined, interval: number, args: any[]): number {
    if (typeof fn !== 'function') throw new Error('Function or String not supplied!');
    var id = this.nextId++;
    this.timers.push({ id, due: this.now + Math.max(Number(ms) || 0, 0), interval, fn, args, seq: this.seq++ });
    return id;
  }
}
