/**
 * Per-worker NDJSON logs in a folder of the report directory (exchanges, created users, failed
 * requests): each worker appends to its own file as things happen, so a crash loses at most a
 * line, and whoever comes after the run reads every worker's lines.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The exchanges of the run, one summarised exchange a line: the evidence of every report. */
export const EXCHANGES = 'exchanges';

/** The file one worker appends to, its folder made. */
export function workerLog(reportDir: string, folder: string, worker: string): string {
  mkdirSync(join(reportDir, folder), { recursive: true });
  return join(reportDir, folder, `${worker}.ndjson`);
}

export function appendLine(file: string, value: unknown): void {
  appendFileSync(file, `${JSON.stringify(value)}\n`);
}

/** Every line every worker wrote, file by file in name order; a line a crash cut short is skipped. */
export function readLog<T>(reportDir: string, folder: string): T[] {
  const dir = join(reportDir, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .flatMap((line) => {
          try {
            return line.trim() ? [JSON.parse(line) as T] : [];
          } catch {
            return [];
          }
        }),
    );
}
