// require("http") for the sandbox, bridged to real Node HTTP on 127.0.0.1: a request made
// by device code is a real request to a real server, and the reply comes back as
// Espruino's events (statusCode as a string, 'data' chunks as strings, 'close'; errors
// as {code, message} with Espruino's socket error texts).
import http from 'node:http';
import type { EspruinoSandbox } from '../sandbox';
import { makeEmitter } from './emitter';
import type { IoBridge } from './network-io';
import { NetworkState, espruinoSocketError } from './network-state';

/** What the test can inspect about each request the device made. */
export interface HttpRequestRecord {
  method: string;
  host: string;
  port: number;
  path: string;
  headers: { [name: string]: string };
  body: string;
  /** Virtual ms when req.end() was called. */
  at: number;
  status?: number;
  error?: { code: number; message: string };
  /** True when the network went down while it was in flight (Espruino drops it silently). */
  killed?: boolean;
  /** The device sent a body without Content-Length: a real server reads none. */
  bodyIgnored?: boolean;
}

function parseUrl(url: string): any {
  var m = /^(https?):\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) throw new Error('Invalid URL: ' + url);
  return { protocol: m[1] + ':', host: m[2], port: m[3] ? +m[3] : 80, path: m[4] || '/', method: 'GET' };
}

export function createFakeHttp(sb: EspruinoSandbox, state: NetworkState, io: IoBridge) {
  var requests: HttpRequestRecord[] = [];

  function request(options: any, cb?: (res: any) => void): any {
    var opts = typeof options === 'string' ? parseUrl(options) : options || {};
    if (!state.online()) throw new state.realm.Error('Not connected to the internet');
    var body = '';
    var started = false;
    var res = makeEmitter({} as any);
    var req = makeEmitter({
      write: function (data: any) {
        if (data !== undefined) body += String(data);
        return true;
      },
      end: function (data?: any) {
        if (data !== undefined) body += String(data);
        if (started) return;
        started = true;
        start();
      },
    });

    function start(): void {
      var port = opts.port ? +opts.port : 80;
      var target = state.resolve(opts.host, port);
      if (!target) throw new state.realm.Error('Unable to locate host');
      var headers: { [name: string]: string } = {};
      var given = opts.headers || {};
      for (var k of Object.keys(given)) headers[k] = String(given[k]);
      var record: HttpRequestRecord = {
        method: opts.method || 'GET', host: opts.host, port: port, path: opts.path || '/',
        headers: headers, body: body, at: sb.now(),
      };
      requests.push(record);
      var generation = state.generation;
      var wire: { [name: string]: string } = { 'User-Agent': 'Espruino 2v29', Connection: 'close' };
      if (!('Host' in headers)) wire.Host = port !== 80 ? opts.host + ':' + port : opts.host;
      for (var h in headers) wire[h] = headers[h];
      var nodeReq: http.ClientRequest;
      var alive = true;
      var p = new Promise<void>(function (resolve) {
        var stopWatching = state.onOutage(function () {
          alive = false;
          record.killed = true;
          nodeReq.destroy();
          resolve();
        });
        var hadHeaders = false;
        nodeReq = http.request({ host: target!.host, port: target!.port, path: record.path, method: record.method, headers: wire, agent: false });
        function fail(err: any): void {
          stopWatching();
          if (!alive || generation !== state.generation) return resolve();
          alive = false;
          var e = espruinoSocketError(err, hadHeaders);
          record.error = e;
          io.post(function () {
            if (generation !== state.generation) { record.killed = true; return; } // lost in the outage
            req.emit('error', state.socketError(e));
            res.emit('end');
            res.emit('close', true);
          });
          resolve();
        }
        nodeReq.on('response', function (nodeRes) {
          hadHeaders = true;
          var chunks: Buffer[] = [];
          var ended = false;
          nodeRes.on('data', function (c: Buffer) { chunks.push(c); });
          nodeRes.on('error', fail);
          nodeRes.on('close', function () { if (!ended) fail(new Error('closed mid-body')); });
          nodeRes.on('end', function () {
            ended = true;
            stopWatching();
            if (!alive || generation !== state.generation) return resolve();
            alive = false;
            record.status = nodeRes.statusCode;
            var text = Buffer.concat(chunks).toString('latin1');
            io.post(function () {
            if (generation !== state.generation) { record.killed = true; return; } // lost in the outage
              var hdrs = new state.realm.Object() as any;
              for (var name in nodeRes.headers) hdrs[name] = String(nodeRes.headers[name]);
              var r = res as any;
              r.statusCode = String(nodeRes.statusCode);
              r.statusMessage = nodeRes.statusMessage || '';
              r.httpVersion = '1.1';
              r.headers = hdrs;
              if (cb) cb(res);
              if (text.length) res.emit('data', text);
              res.emit('end');
              res.emit('close', false);
            });
            resolve();
          });
        });
        nodeReq.on('error', fail);
        // Espruino frames a body only by the headers the code sets: without Content-Length
        // (or chunked) an HTTP/1.1 server reads no body at all, so none is sent here either.
        var framed = Object.keys(headers).some(function (h) { return /^(content-length|transfer-encoding)$/i.test(h); });
        if (!framed && body.length) record.bodyIgnored = true;
        nodeReq.end(framed ? Buffer.from(body, 'latin1') : undefined);
      });
      io.track(p);
    }

    return req;
  }

  return { module: { request: request, get: function (o: any, cb: any) { var r = request(o, cb); r.end(); return r; } }, requests };
}
