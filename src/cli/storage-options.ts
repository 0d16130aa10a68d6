// CLI options shared by `serve` and `token` (src/cli/commands): both must open the same store.
import type { Durability } from '../server/storage/types';
import { usageError } from './args';

export var STORAGE_OPTIONS = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  'pg-schema': { type: 'string' },
  durability: { type: 'string' },
} as const;

export var STORAGE_HELP = [
  '  --data-dir <dir>        SQLite data folder (default ./receiver-data)',
  '  --database-url <url>    use PostgreSQL instead (postgres://user:pass@host:5432/db);',
  '                          also read from $DATABASE_URL',
  '  --pg-schema <name>      PostgreSQL schema (default public)',
  '  --durability <mode>     full (default): an acknowledged event is on disk (fsync);',
  '                          relaxed: faster on slow disks, but a power cut may lose',
  '                          the last acknowledged events (see docs/receiver.md)',
].join('\n');

export function storageFrom(values: Record<string, unknown>) {
  return {
    dataDir: values['data-dir'] as string | undefined,
    databaseUrl: (values['database-url'] as string | undefined) ?? process.env.DATABASE_URL,
    postgresSchema: values['pg-schema'] as string | undefined,
    durability: durabilityFrom(values.durability),
  };
}

function durabilityFrom(v: unknown): Durability | undefined {
  if (v === undefined) return undefined;
  if (v === 'full' || v === 'relaxed') return v;
  throw usageError('--durability must be full or relaxed (got ' + JSON.stringify(v) + ')');
}
