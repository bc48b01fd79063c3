// Plain-text tables for the evaluation scripts: columns padded to their widest cell, numbers
// right-aligned, an optional rule before the last (total) row.

const width = (s) => [...s].length;
// "12", "0.750", "+0.050", "0.833 (10/12)", "3/4", and the placeholders "-", "=", "n/a".
const NUMBER = /^(?:[-+]?\d[\d.]*(?:\/\d+)?(?: \(\d+\/\d+\))?|-|=|n\/a)$/;

/**
 * @param {string[]} headers
 * @param {(string|number|null)[][]} rows
 * @param {{ totalRow?: boolean }} [options] totalRow: draw a rule above the last row
 */
export function formatTable(headers, rows, options = {}) {
  const cells = rows.map((row) => row.map((c) => (c === null || c === undefined ? '-' : String(c))));
  const numeric = headers.map((_, i) => cells.every((row) => NUMBER.test(row[i] ?? '')));
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((row) => width(row[i] ?? ''))));
  const pad = (s, i) => (numeric[i] && i > 0 ? ' '.repeat(widths[i] - width(s)) + s : s + ' '.repeat(widths[i] - width(s)));
  const line = (row) => row.map((c, i) => pad(c, i)).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(headers), rule];
  cells.forEach((row, i) => {
    if (options.totalRow && i === cells.length - 1 && cells.length > 1) out.push(rule);
    out.push(line(row));
  });
  return `${out.join('\n')}\n`;
}

/** 0.75 → "0.750"; null → "-". */
export const fixed = (x) => (x === null || x === undefined ? '-' : x.toFixed(3));

/** A signed difference, "=" when none, "-" when either side is missing. */
export function delta(now, before) {
  if (now === null || now === undefined || before === null || before === undefined) return now === before ? '=' : 'n/a';
  const d = +(now - before).toFixed(3);
  if (d === 0) return '=';
  return d > 0 ? `+${d.toFixed(3)}` : d.toFixed(3);
}
