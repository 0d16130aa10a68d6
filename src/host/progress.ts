// A one-line progress bar for long work, drawn only on a terminal (never in logs or pipes).

export interface ProgressSink {
  isTTY: boolean;
  /** Writes without a newline (stderr in the CLI). */
  write(text: string): void;
}

export interface Progress {
  tick(note?: string): void;
  done(): void;
}

/** "ETA 1m05s" from the time the first `done` of `total` steps took (linear; empty before the first). */
export function etaText(elapsedMs: number, done: number, total: number): string {
  if (done <= 0 || done >= total) return '';
  var s = Math.round((elapsedMs / done) * (total - done) / 1000);
  return 'ETA ' + (s >= 60 ? Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's' : s + 's');
}

export function createProgress(total: number, label: string, sink?: ProgressSink | null, now?: () => number): Progress {
  var n = 0;
  var on = !!(sink && sink.isTTY && total > 1);
  var clock = now || Date.now, t0 = clock();
  function draw(note: string) {
    var width = 24;
    var filled = Math.round((n / total) * width);
    var eta = etaText(clock() - t0, n, total);
    sink!.write('\r' + label + ' [' + '#'.repeat(filled) + '-'.repeat(width - filled) + '] ' + n + '/' + total + (eta ? ' ' + eta : '') + (note ? ' ' + note : '') + '\x1b[K');
  }
  return {
    tick: function (note?: string) {
      n++;
      if (on) draw(note || '');
    },
    done: function () {
      if (on) sink!.write('\r\x1b[K');
    },
  };
}
