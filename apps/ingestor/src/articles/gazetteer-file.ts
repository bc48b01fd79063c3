// The parties, aliases and officials the extractor knows: the built-in data plus a user's file.
import { readFileSync } from 'node:fs';
import { createGazetteer, getDefaultGazetteer, parseGazetteerExtension, type Gazetteer, type GazetteerExtension } from '@talkwatch/domain';
import { ConfigError } from '@talkwatch/infra';

/** The extension in `file`, as plain data (extraction workers build their own gazetteer from it). */
export function readGazetteerExtension(file: string | undefined): GazetteerExtension | undefined {
  if (!file) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`GAZETTEER_FILE: cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  try {
    return parseGazetteerExtension(json);
  } catch (error) {
    throw new ConfigError([`GAZETTEER_FILE: ${file} is not a valid gazetteer extension: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

export function gazetteerOf(extension: GazetteerExtension | undefined, file = 'GAZETTEER_FILE'): Gazetteer {
  if (!extension) return getDefaultGazetteer();
  try {
    return createGazetteer(extension);
  } catch (error) {
    throw new ConfigError([`GAZETTEER_FILE: ${file} is not a valid gazetteer extension: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

export function loadGazetteer(file: string | undefined): Gazetteer {
  return gazetteerOf(readGazetteerExtension(file), file);
}
