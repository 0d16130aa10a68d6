// The shared switch behind the fake Wifi, http and net modules: whether the (simulated)
// access point is reachable, whether the station is joined, and how device host names
// map to real ports on 127.0.0.1.
import type { Realm } from './realm';

export interface HostTarget {
  host: string;
  port: number;
}

/** Espruino's socket error codes and texts (libs/network/socketerrors.c). */
export var SOCKET_ERRORS = {
  TIMEOUT: { code: -3, message: 'timeout' },
  NO_ROUTE: { code: -4, message: 'no route' },
  RESET: { code: -9, message: 'connection reset' },
  NO_CONNECTION: { code: -11, message: 'no connection' },
  NO_RESPONSE: { code: -15, message: 'no response' },
};

export class NetworkState {
  /** The test's switch: is the access point (and the route to the servers) there? */
  up = true;
  /** Is the device's station joined (what require("Wifi").getStatus() reports)? */
  joined = false;
  /** Bumped on every outage: I/O started in an older generation is dead. */
  generation = 0;
  private killers: Array<() => void> = [];

  /** `requireJoin` false: sockets work whenever the network is up, without Wifi.connect(). */
  constructor(public realm: Realm, private hosts: { [name: string]: number | HostTarget }, private requireJoin: boolean) {}

  /** Can a socket be opened now? */
  online(): boolean {
    return this.up && (this.joined || !this.requireJoin);
  }

  /** Maps a device-side host and port to a real address, or null (Espruino: "Unable to locate host"). */
  resolve(host: string, port: number): HostTarget | null {
    var h = host || 'localhost';
    if (Object.prototype.hasOwnProperty.call(this.hosts, h)) {
      var t = this.hosts[h];
      return typeof t === 'number' ? { host: '127.0.0.1', port: t } : t;
    }
    if (h === 'localhost' || h === '127.0.0.1') return { host: '127.0.0.1', port: port };
    return null;
  }

  /** Registers a way to drop one live connection when the network goes away. */
  onOutage(kill: () => void): () => void {
    var killers = this.killers;
    killers.push(kill);
    return function () {
      var i = killers.indexOf(kill);
      if (i >= 0) killers.splice(i, 1);
    };
  }

  /** Espruino closes every socket silently when the network goes offline (socketserver.c). */
  killAll(): void {
    this.generation++;
    var list = this.killers.splice(0);
    for (var k of list) k();
  }

  /** An Espruino-style socket error object ({code, message}) in the sandbox's realm. */
  socketError(e: { code: number; message: string }): any {
    var o = new this.realm.Object() as any;
    o.code = e.code;
    o.message = e.message;
    return o;
  }
}

/** Maps a Node socket error to Espruino's code. `hadHeaders`: the reply had begun. */
export function espruinoSocketError(err: any, hadHeaders: boolean): { code: number; message: string } {
  var code = err && err.code;
  if (code === 'ETIMEDOUT') return SOCKET_ERRORS.TIMEOUT;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return SOCKET_ERRORS.NO_ROUTE;
  return hadHeaders ? SOCKET_ERRORS.RESET : SOCKET_ERRORS.NO_RESPONSE;
}
