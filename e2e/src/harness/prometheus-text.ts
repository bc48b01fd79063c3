// Reads the Prometheus text exposition format (version 0.0.4) the way a scraper does: # HELP and
// # TYPE lines, then one sample per line, `name{label="value",...} number`. Written here rather
// than taken from the app, so a test checks what the app writes against the format, not itself.

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Exposition {
  /** Metric family name → its declared type (counter, gauge, histogram, summary, untyped). */
  readonly types: ReadonlyMap<string, string>;
  readonly samples: readonly Sample[];
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const labelPair = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const match = labelPair.exec(rest);
    if (!match) throw new Error(`bad labels in: ${line}`);
    const [whole, name, value] = match;
    if (name === undefined || value === undefined) throw new Error(`bad labels in: ${line}`);
    if (name in labels) throw new Error(`label ${name} twice in: ${line}`);
    labels[name] = unescape(value);
    rest = rest.slice(whole.length);
    if (rest.startsWith(',')) rest = rest.slice(1);
    else if (rest.length > 0) throw new Error(`bad labels in: ${line}`);
  }
  return labels;
}

function parseValue(text: string, line: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`bad value in: ${line}`);
  return value;
}

/** Throws on any line that is not valid exposition text. */
export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
      if (type?.[1] !== undefined && type[2] !== undefined) types.set(type[1], type[2]);
      else if (!/^# HELP \S+ /.test(line) && !/^# HELP \S+$/.test(line)) throw new Error(`bad comment line: ${line}`);
      continue;
    }
    const match = sampleLine.exec(line);
    if (!match?.[1] || match[3] === undefined) throw new Error(`bad sample line: ${line}`);
    samples.push({ name: match[1], labels: parseLabels(match[2] ?? '', line), value: parseValue(match[3], line) });
  }
  return { types, samples };
}

/** Samples named `name` whose labels include every one of `labels`. */
export function samplesOf(exposition: Exposition, name: string, labels: Readonly<Record<string, string>> = {}): Sample[] {
  return exposition.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

/** The sum of those samples (0 when there are none: a counter not yet incremented has no series). */
export function total(exposition: Exposition, name: string, labels: Readonly<Record<string, string>> = {}): number {
  return samplesOf(exposition, name, labels).reduce((sum, s) => sum + s.value, 0);
}

export interface HistogramSeries {
  readonly count: number;
  readonly sum: number;
  /** Upper bound → cumulative count, in increasing order of bound, +Inf last. */
  readonly buckets: readonly { readonly le: number; readonly count: number }[];
}

/**
 * One histogram series (`labels` name it exactly, less `le`), checked for consistency: cumulative
 * buckets that never decrease and a +Inf bucket equal to the count. Undefined when absent.
 */
export function histogram(exposition: Exposition, name: string, labels: Readonly<Record<string, string>> = {}): HistogramSeries | undefined {
  const same = (s: Sample, extra: readonly string[]) => {
    const keys = Object.keys(s.labels).filter((k) => !extra.includes(k));
    return keys.length === Object.keys(labels).length && keys.every((k) => s.labels[k] === labels[k]);
  };
  const count = exposition.samples.find((s) => s.name === `${name}_count` && same(s, []));
  const sum = exposition.samples.find((s) => s.name === `${name}_sum` && same(s, []));
  if (!count || !sum) return undefined;
  const buckets = exposition.samples
    .filter((s) => s.name === `${name}_bucket` && same(s, ['le']))
    .map((s) => ({ le: parseValue(s.labels.le ?? '', `le of ${name}`), count: s.value }))
    .sort((a, b) => a.le - b.le);
  const last = buckets.at(-1);
  if (!last || last.le !== Number.POSITIVE_INFINITY) throw new Error(`${name}: no +Inf bucket`);
  if (last.count !== count.value) throw new Error(`${name}: +Inf bucket ${last.count} is not the count ${count.value}`);
  buckets.forEach((b, i) => {
    const before = buckets[i - 1];
    if (before && b.count < before.count) throw new Error(`${name}: bucket le=${b.le} below le=${before.le}`);
  });
  return { count: count.value, sum: sum.value, buckets };
}
