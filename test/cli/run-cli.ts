// Runs the CLI in-process as a user's shell would, collecting what it prints.
import { main } from '../../src/cli/index';

export async function runCli(argv: string[], extra?: any): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const code = await main(argv, Object.assign({ out: (l: string) => out.push(l), err: (l: string) => err.push(l), isTTY: false }, extra));
  return { code, out: out.join('\n'), err: err.join('\n') };
}
