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

export function createProgress(total: number, label: string, sink?: ProgressSink | null): Progress {
  var n = 0;
  var on = !!(sink && sink.isTTY && total > 1);
  function draw(note: string) {
    var width = 24;
    var filled = Math.round((n / total) * width);
    sink!.write('\r' + label + ' [' + '#'.repeat(filled) + '-'.repeat(width - filled) + '] ' + n + '/' + total + (note ? ' ' + note : '') + '\x1b[K');
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
