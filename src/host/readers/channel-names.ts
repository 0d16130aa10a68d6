// Maps the channel names other tools write to the seed's names (acc_x ... gyro_z).

var ALIASES: { [name: string]: string } = {
  accx: 'acc_x', accy: 'acc_y', accz: 'acc_z',
  accelx: 'acc_x', accely: 'acc_y', accelz: 'acc_z',
  accelerometerx: 'acc_x', accelerometery: 'acc_y', accelerometerz: 'acc_z',
  gyrx: 'gyro_x', gyry: 'gyro_y', gyrz: 'gyro_z',
  gyrox: 'gyro_x', gyroy: 'gyro_y', gyroz: 'gyro_z',
  gyroscopex: 'gyro_x', gyroscopey: 'gyro_y', gyroscopez: 'gyro_z',
  // emlearn's har_record files hold the accelerometer only, as x, y, z.
  x: 'acc_x', y: 'acc_y', z: 'acc_z',
};

/** The seed's name for a column header (Edge Impulse `accX`, emlearn `x`), else the header. */
export function canonicalChannel(header: string): string {
  var key = header.trim().toLowerCase().replace(/[^a-z0-9]/g, '');
  return ALIASES[key] || header.trim();
}

export var TIME_COLUMNS = ['ms', 'timestamp', 'time', 'time_ms', 't'];
