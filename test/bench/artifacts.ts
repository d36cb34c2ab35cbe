import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Activation {
  readonly ms?: number;
  readonly how: string;
}

/** Written by the integration suite: test-artifacts/activation.json. */
export function activationTime(root: string): Activation {
  const file = path.join(root, 'test-artifacts', 'activation.json');
  if (!fs.existsSync(file)) return { how: 'n/a (run npm run test:integration)' };
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const key = ['activationMs', 'activateMs', 'ms', 'durationMs', 'activationTime'].find(
      (k) => typeof data[k] === 'number',
    );
    if (!key) return { how: `n/a (${path.relative(root, file)} has no activationMs)` };
    const when = fs.statSync(file).mtime.toISOString().slice(0, 16).replace('T', ' ');
    const where = typeof data.vscodeVersion === 'string' ? `, VS Code ${data.vscodeVersion}` : '';
    return { ms: data[key] as number, how: `${path.relative(root, file)} (${when} UTC${where})` };
  } catch (error) {
    return { how: `n/a (${path.relative(root, file)}: ${(error as Error).message})` };
  }
}

export function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${model}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}`;
}
