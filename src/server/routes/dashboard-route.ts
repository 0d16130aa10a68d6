// Serves the dashboard (/, /dashboard/<file>), the Bluetooth bridge's decoder built from the
// device code (/dashboard/bridge-core.js) and uPlot (/vendor/uplot/<file>).
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { findDashboardDir, findUplotDir, findBrowserCodec } from '../../node/package-files';
import { HttpError } from '../http-errors';

var TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Only files listed here are served: no path from the URL ever reaches the file system. */
function fileTable(dir: string, names: string[]): Map<string, string> {
  var table = new Map<string, string>();
  for (var n of names) table.set(n, path.join(dir, n));
  return table;
}

export function registerDashboardRoute(app: FastifyInstance) {
  var dashDir = findDashboardDir();
  var own = fileTable(dashDir, fs.readdirSync(dashDir).filter((n) => TYPES[path.extname(n)]));
  var vendor = fileTable(findUplotDir(), ['uPlot.iife.min.js', 'uPlot.min.css']);
  var codec = findBrowserCodec();
  if (codec) own.set('bridge-core.js', codec);

  function send(table: Map<string, string>, name: string, reply: any) {
    var file = table.get(name);
    if (!file) throw new HttpError(404, 'not_found', 'no such file: ' + name);
    reply.header('content-type', TYPES[path.extname(file)]);
    reply.header('cache-control', 'no-cache');
    return fs.promises.readFile(file);
  }

  app.get('/', (req, reply) => send(own, 'index.html', reply));
  app.get('/dashboard/:file', (req, reply) => send(own, (req.params as any).file, reply));
  app.get('/vendor/uplot/:file', (req, reply) => send(vendor, (req.params as any).file, reply));
}
