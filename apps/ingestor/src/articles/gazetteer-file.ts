// The parties, aliases and officials the extractor knows: the built-in data plus a user's file.
import { readFileSync } from 'node:fs';
import { createGazetteer, getDefaultGazetteer, parseGazetteerExtension, type Gazetteer } from '@talkwatch/domain';
import { ConfigError } from '@talkwatch/infra';

export function loadGazetteer(file: string | undefined): Gazetteer {
  if (!file) return getDefaultGazetteer();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`GAZETTEER_FILE: cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  try {
    return createGazetteer(parseGazetteerExtension(json));
  } catch (error) {
    throw new ConfigError([`GAZETTEER_FILE: ${file} is not a valid gazetteer extension: ${error instanceof Error ? error.message : String(error)}`]);
  }
}
