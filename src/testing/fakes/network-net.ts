// require("net") for the sandbox, bridged to real TCP on 127.0.0.1 (MQTT to a real broker).
// Data travels as binary strings, one char per byte, as Espruino's sockets do.
import net from 'node:net';
import type { EspruinoSandbox } from '../sandbox';
import { makeEmitter } from './emitter';
import type { IoBridge } from './network-io';
import { NetworkState, espruinoSocketError } from './network-state';

export interface FakeNetOptions {
  /**
   * A stream socket has no "reply finished" signal, so after each device write settle()
   * waits for the peer's first bytes, then until the socket has been quiet this long
   * (real ms). Default 30.
   */
  quietMs?: number;
  /** Longest wait (real ms) for a reply to a write that gets none. Default 2000. */
  replyTimeoutMs?: number;
}

export function createFakeNet(sb: EspruinoSandbox, state: NetworkState, io: IoBridge, options: FakeNetOptions) {
  var quietMs = options.quietMs === undefined ? 30 : options.quietMs;
  var replyTimeoutMs = options.replyTimeoutMs === undefined ? 2000 : options.replyTimeoutMs;
  var stats = { connects: 0, bytesSent: 0, bytesReceived: 0, open: 0 };

  function connect(opts: any, cb?: (socket: any) => void): any {
    if (typeof opts === 'string') {
      var hp = opts.split(':');
      opts = { host: hp[0], port: +hp[1] };
    }
    if (!state.online()) throw new state.realm.Error('Not connected to the internet');
    var target = state.resolve(opts.host, +opts.port);
    if (!target) throw new state.realm.Error('Unable to locate host');
    stats.connects++;
    var generation = state.generation;
    var alive = true;
    var closed = false;
    var lastActivity = Date.now();
    var lastWrite = 0;
    var lastData = 0;
    var error: any = null;
    var node = net.connect({ host: target.host, port: target.port });
    stats.open++;

    var socket = makeEmitter({
      write: function (data: any) {
        if (!alive || data === undefined) return false;
        var bytes = Buffer.from(String(data), 'latin1');
        stats.bytesSent += bytes.length;
        node.write(bytes);
        lastActivity = lastWrite = Date.now();
        io.track(quiet());
        return true;
      },
      end: function (data?: any) {
        if (data !== undefined) socket.write(data);
        if (alive) node.end();
      },
    });
    if (cb) socket.on('connect', cb);

    // Resolves once the peer answered the write (then went quiet), or the socket closed,
    // or no answer came within replyTimeoutMs: so a loaded host cannot reorder replies.
    function quiet(): Promise<void> {
      var since = lastWrite;
      return new Promise<void>(function (resolve) {
        function check() {
          var now = Date.now();
          var answered = lastData >= since;
          if (closed || !alive || now - since >= replyTimeoutMs || (answered && now - lastActivity >= quietMs)) resolve();
          else setTimeout(check, answered ? Math.max(quietMs - (now - lastActivity), 1) : 5);
        }
        setTimeout(check, 1);
      });
    }

    var stopWatching = state.onOutage(function () {
      alive = false; // Espruino drops sockets silently when the network goes
      node.destroy();
    });
    // What arrived but was not yet delivered when the network went is lost too.
    function deliver(fn: () => void): void {
      io.post(function () { if (generation === state.generation) fn(); });
    }
    var connected = new Promise<void>(function (resolve) {
      node.on('connect', function () {
        resolve();
        if (!alive || generation !== state.generation) return;
        deliver(function () { socket.emit('connect', socket); });
      });
      node.on('data', function (chunk: Buffer) {
        lastActivity = lastData = Date.now();
        stats.bytesReceived += chunk.length;
        if (!alive) return;
        var text = chunk.toString('latin1');
        deliver(function () { socket.emit('data', text); });
      });
      node.on('error', function (err) { error = err; });
      node.on('close', function () {
        closed = true;
        stats.open--;
        stopWatching();
        resolve();
        if (!alive || generation !== state.generation) return;
        alive = false;
        var hadError = !!error;
        var e = error ? espruinoSocketError(error, true) : null;
        deliver(function () {
          if (e) socket.emit('error', state.socketError(e));
          socket.emit('end');
          socket.emit('close', hadError);
        });
      });
    });
    io.track(connected);
    return socket;
  }

  return { module: { connect: connect, createConnection: connect }, stats };
}
