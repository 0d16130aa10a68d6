// Long-running commands (`serve`, `bridge`) run until SIGINT, SIGTERM or the caller's
// abort signal (tests), whichever comes first; the listeners go with it.
import type { CliIO } from './command';

export function untilStopped(io: CliIO): Promise<void> {
  return new Promise<void>((resolve) => {
    var stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (io.signal) io.signal.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (io.signal) {
      if (io.signal.aborted) stop();
      else io.signal.addEventListener('abort', stop);
    }
  });
}
