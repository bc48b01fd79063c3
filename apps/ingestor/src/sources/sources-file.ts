// SOURCES_FILE: feeds listed in a file (YAML, or JSON, which YAML reads too), read and validated
// at boot so that a typo stops the start with its position instead of polling nothing.
import { readFileSync } from 'node:fs';
import { ConfigError } from '@talkwatch/infra';
import { parseDocument } from 'yaml';
import { sourcesFileSchema, type NewSourceSettings } from './source-settings.js';

export function readSourcesFile(file: string): NewSourceSettings[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`SOURCES_FILE: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const doc = parseDocument(text, { prettyErrors: false, logLevel: 'error' });
  const [syntax] = doc.errors;
  if (syntax) throw new ConfigError([`SOURCES_FILE: ${file} is neither valid YAML nor JSON: ${syntax.message.split('\n')[0] ?? ''}`]);
  const parsed = sourcesFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `SOURCES_FILE: ${file}: ${i.path.length > 0 ? i.path.join('.') : '(file)'} ${i.message}`));
  }
  const urls = new Set<string>();
  const problems: string[] = [];
  parsed.data.forEach((source, index) => {
    if (urls.has(source.url)) problems.push(`SOURCES_FILE: ${file}: ${index}.url ${source.url} is listed twice`);
    urls.add(source.url);
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}
