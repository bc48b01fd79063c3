// Command-line options of the evaluation scripts: `--flag`, `--name value` or `--name=value`
// (repeatable), positional arguments; an unknown option is an error, so a typo never goes unnoticed.

export class OptionError extends Error {}

/**
 * @param {string[]} argv
 * @param {{ flags: string[], values: string[] }} spec option names without the leading dashes
 */
export function parseOptions(argv, spec) {
  const flags = new Set();
  const values = new Map();
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    if (spec.flags.includes(name) && eq < 0) flags.add(name);
    else if (spec.values.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new OptionError(`--${name} needs a value`);
      values.set(name, [...(values.get(name) ?? []), value]);
    } else throw new OptionError(`unknown option ${arg}`);
  }
  return { flags, values, positional, value: (name) => values.get(name)?.at(-1) };
}

const globToRegExp = (glob) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

/**
 * Files whose base name matches one of the patterns: comma-separated lists of names, globs
 * ("15*.md") or number prefixes ("100" matches "100-eu-says….md").
 */
export function selectFiles(files, patterns) {
  const items = patterns.flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean);
  const matchers = items.map((item) => {
    if (/[*?]/.test(item)) {
      const re = globToRegExp(item);
      return (f) => re.test(f);
    }
    return (f) => f === item || f.replace(/\.[^.]+$/, '') === item || f.startsWith(`${item}-`);
  });
  const unmatched = items.filter((_, i) => !files.some(matchers[i]));
  return { selected: files.filter((f) => matchers.some((m) => m(f))), unmatched };
}
