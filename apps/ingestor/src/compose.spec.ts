// docker-compose.yml cannot be run here, so it is checked as data: the ingestor service must build
// this app, pass only variables its config schema knows, and point at the services the file defines.
// Every check is one all app services share (@talkwatch/infra/testing); the ingestor adds none.
import { describeComposeApp } from '@talkwatch/infra/testing';
import { ingestorEnvSchema, loadIngestorConfig } from './config.js';

describeComposeApp({ app: 'ingestor', envSchema: ingestorEnvSchema, loadConfig: loadIngestorConfig });
