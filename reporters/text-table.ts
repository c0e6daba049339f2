/** Rows of cells laid out in columns for a terminal: the first column left-aligned, the rest as asked. */
export function textTable(rows: string[][], alignRest: 'left' | 'right' = 'left'): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  const pad = (cell: string, i: number) =>
    i === 0 || alignRest === 'left' ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0);
  return rows.map((r) => r.map(pad).join('  ')).join('\n');
}
