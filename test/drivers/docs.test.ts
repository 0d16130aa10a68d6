// docs/simulator.md's example must be the test that runs (simulator-example.test.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

it('docs/simulator.md shows simulator-example.test.ts verbatim', () => {
  var doc = readFileSync(path.resolve(__dirname, '../../docs/simulator.md'), 'utf8');
  var example = readFileSync(path.resolve(__dirname, 'simulator-example.test.ts'), 'utf8');
  var block = /```ts\n([\s\S]*?)```/.exec(doc);
  expect(block && block[1]).toBe(example);
});
