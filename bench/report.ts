import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type as osType } from 'node:os';

const HEADER = `# Performance

Numbers here are written by the benchmarks themselves; each section names its command, machine
and date. The machines are shared and noisy, so every figure is a median of rounds or a
comparison with a baseline measured in the same run.
`;

export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const memory = Math.round(totalmem() / 2 ** 30);
  return `${cpu}, ${cpus().length} cores, ${memory} GiB, ${osType()} ${release()}, Node ${process.version}`;
}

/**
 * Replaces one benchmark's section of docs/performance.md (between its markers), keeping the
 * others, so each `npm run bench:*` rewrites only its own numbers.
 */
export function writeSection(file: string, id: string, markdown: string): void {
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
