// Where real I/O (Node sockets) meets the sandbox's virtual time. Replies from real servers
// are queued and delivered only when the test calls settle() (or sb.idle()), never in the
// middle of advance(): so what the device sees depends on virtual time and call order only,
// not on how fast the host's network answered.
import type { EspruinoSandbox } from '../sandbox';

export class IoBridge {
  private pending: Array<Promise<unknown>> = [];
  private inbox: Array<() => void> = [];

  constructor(private sb: EspruinoSandbox) {
    var self = this;
    sb.ioWaiters.push({ isIdle: function () { return self.isIdle(); }, settle: function () { return self.settle(); } });
  }

  /** Counts `p` as I/O in flight until it settles. */
  track(p: Promise<unknown>): void {
    var self = this;
    var wrapped = p.then(
      function () { self.remove(wrapped); },
      function () { self.remove(wrapped); }
    );
    this.pending.push(wrapped);
  }

  /** Queues work to run inside the sandbox at the next settle(). */
  post(fn: () => void): void {
    this.inbox.push(fn);
  }

  /** True when nothing is in flight and nothing waits for delivery. */
  isIdle(): boolean {
    return !this.pending.length && !this.inbox.length;
  }

  /**
   * Waits for in-flight real I/O, then delivers what arrived, in arrival order, until
   * both are empty. An error thrown by device code during delivery is recorded in
   * sb.errors and rethrown here (as advance() does for timers).
   */
  async settle(): Promise<void> {
    for (var round = 0; round < 10000; round++) {
      await this.sb.flush();
      if (this.inbox.length) {
        var fn = this.inbox.shift()!;
        try {
          fn();
        } catch (e: any) {
          this.sb.errors.push(e);
          this.sb.output.push('Uncaught ' + (e && e.stack ? e.stack : e));
          throw e;
        }
        continue;
      }
      if (!this.pending.length) return;
      await Promise.all(this.pending.slice());
    }
    throw new Error('IoBridge.settle: I/O did not settle after 10000 rounds (a device loop keeps starting requests?)');
  }

  private remove(p: Promise<unknown>): void {
    var i = this.pending.indexOf(p);
    if (i >= 0) this.pending.splice(i, 1);
  }
}
