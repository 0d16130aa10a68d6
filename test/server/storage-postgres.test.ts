// The same suite against a real PostgreSQL server, each test in its own schema.
import pg from 'pg';
import { openPostgresStore } from '../../src/server';
import { storageSuite } from './storage.suite';
import { describeWithService, findPostgres } from './helpers';

var postgres = await findPostgres();

describeWithService('PostgreSQL store', postgres, (url) => {
  var schema = '';
  var n = 0;
  storageSuite({
    async open() {
      schema = 'test_' + process.pid + '_' + Date.now().toString(36) + '_' + n++;
      return openPostgresStore({ url, schema, max: 3 });
    },
    async reopen() {
      return openPostgresStore({ url, schema, max: 3 });
    },
    async cleanup() {
      var client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('DROP SCHEMA IF EXISTS ' + schema + ' CASCADE');
      await client.end();
    },
  });
});
