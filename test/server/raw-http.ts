// HTTP with full control of headers (fetch drops Host and friends): for Host, slow-body
// and hostile-header tests.
import http from 'node:http';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: any;
}

export function rawRequest(url: string, o: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {}): Promise<RawAnswer> {
  var u = new URL(url);
  return new Promise((resolve, reject) => {
    var req = http.request({ host: u.hostname, port: u.port, method: o.method ?? (o.body !== undefined ? 'POST' : 'GET'), path: o.path ?? u.pathname + u.search, headers: o.headers, agent: false }, (res) => {
      var chunks: Buffer[] = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        var text = Buffer.concat(chunks).toString('utf8');
        var body: any = text;
        try { body = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
      });
      res.on('error', reject);
    });
    req.setTimeout(o.timeoutMs ?? 20000, () => req.destroy(new Error('no answer within ' + (o.timeoutMs ?? 20000) + ' ms (a hang)')));
    req.on('error', reject);
    req.end(o.body);
  });
}
