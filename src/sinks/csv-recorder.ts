// Streams a sample source as CSV text lines in the original system's recording format:
// a header `acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms`, then one line per sample with ms
// since the first sample. Lines go to the console (USB serial, or BLE UART when connected
// over Bluetooth) or any write function. Device code: ES5.
import type { DeviceError, SampleSource } from '../core/types';
import { configError } from '../core/errors';

export interface CsvRecorderOptions {
  /** Where lines go; default console.log. */
  write?: (line: string) => void;
  /** Digits after the point; default 4 (0.0001 m/s^2 and deg/s, below the sensor's resolution). */
  decimals?: number;
  /** Repeat the header this often (ms of samples) so a host that attaches late can start; 0 = never. Default 0. */
  headerEveryMs?: number;
}

export class CsvRecorder {
  /** Sample lines written since start(). */
  lines = 0;
  /** Source errors reported as `# error` lines. */
  errors = 0;
  private source: SampleSource;
  private write: (line: string) => void;
  private decimals: number;
  private headerEvery: number;
  private header: string;
  private t0 = -1;
  private lastHeader = 0;

  constructor(source: SampleSource, options?: CsvRecorderOptions) {
    if (!source || typeof source.start !== 'function' || !source.channels) {
      throw configError('CsvRecorder needs a sample source (channels, start, stop)');
    }
    var o = options || {};
    this.source = source;
    this.write = o.write || function (line: string) { console.log(line); };
    this.decimals = o.decimals === undefined ? 4 : o.decimals;
    if (!(this.decimals >= 0 && this.decimals <= 10)) {
      throw configError('CsvRecorder decimals must be 0..10, got ' + o.decimals);
    }
    this.headerEvery = o.headerEveryMs || 0;
    this.header = source.channels.join(',') + ',ms';
  }

  /** Writes the header and starts the source; each sample becomes one line. */
  start(): void {
    var self = this;
    this.t0 = -1;
    this.write(this.header);
    this.source.start(function (timeMs: number, values: Float32Array) {
      self.onSample(timeMs, values);
    }, function (err: DeviceError) {
      self.errors++;
      self.write('# error ' + err.code + ' ' + err.message);
    });
  }

  stop(): void {
    this.source.stop();
  }

  private onSample(timeMs: number, values: Float32Array): void {
    if (this.t0 < 0) this.t0 = timeMs;
    var ms = Math.round(timeMs - this.t0);
    if (this.headerEvery && ms - this.lastHeader >= this.headerEvery) {
      this.lastHeader = ms;
      this.write(this.header);
    }
    var line = '';
    for (var i = 0; i < values.length; i++) line += values[i].toFixed(this.decimals) + ',';
    this.write(line + ms);
    this.lines++;
  }
}
