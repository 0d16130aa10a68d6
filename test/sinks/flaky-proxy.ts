// A real HTTP proxy in front of the receiver that fails a chosen share of requests in the
// two ways a device meets: refused before the receiver saw it (503), and accepted by the
// receiver but the answer lost (socket destroyed) so the device must retry a stored batch.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../src/host/dataset/random';

export interface FlakyProxy {
  port: number;
  counts: { requests: number; refused: number; answerLost: number; forwarded: number };
  close(): Promise<void>;
}

export async function startFlakyProxy(targetPort: number, failShare: number, seed: number): Promise<FlakyProxy> {
  var random = seededRandom(seed); // deterministic, so a failing run can be replayed
  var counts = { requests: 0, refused: 0, answerLost: 0, forwarded: 0 };
  var server = http.createServer(function (req, res) {
    counts.requests++;
    var r = random();
    var chunks: Buffer[] = [];
    req.on('data', function (c) { chunks.push(c); });
    req.on('end', function () {
      if (r < failShare / 2) {
        counts.refused++;
        res.writeHead(503, { 'Content-Type': 'application/json' });
        res.end('{"error":"unavailable"}');
        return;
      }
      var loseAnswer = r < failShare;
      var up = http.request({ host: '127.0.0.1', port: targetPort, path: req.url, method: req.method, headers: req.headers, agent: false }, function (upRes) {
        var body: Buffer[] = [];
        upRes.on('data', function (c) { body.push(c); });
        upRes.on('end', function () {
          if (loseAnswer) {
            counts.answerLost++;
            req.socket.destroy();
            return;
          }
          counts.forwarded++;
          res.writeHead(upRes.statusCode || 502, upRes.headers);
          res.end(Buffer.concat(body));
        });
      });
      up.on('error', function () { res.writeHead(502); res.end(); });
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>(function (resolve) { server.listen(0, '127.0.0.1', resolve); });
  return {
    port: (server.address() as AddressInfo).port,
    counts,
    close: function () {
      return new Promise<void>(function (resolve) {
        server.closeAllConnections();
        server.close(function () { resolve(); });
      });
    },
  };
}
