// docker-compose.yml cannot be run here, so it is checked as data: the notifier service must build
// this app, pass only variables its config schema knows, and point at the services the file defines.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { notifierEnvSchema, loadNotifierConfig } from './config.js';

const app = 'notifier';
// apps/notifier/dist/compose.spec.js → the repository root.
const repoRoot = new URL('../../../', import.meta.url);
const compose = readCompose(new URL('docker-compose.yml', repoRoot));
const service = compose.service(app);
const env = service.environment();

describe(`docker-compose.yml: ${app}`, () => {
  it('builds this app from the Dockerfile', () => {
    const build = service.record('build');
    assert.equal(build.context, '.', 'build context must be the repository root');
    assert.equal(build.dockerfile ?? 'Dockerfile', 'Dockerfile');
    assert.equal(stringMap(build.args, `${app}.build.args`).APP, app);
  });

  it('passes only variables the notifier config schema defines', () => {
    const known = Object.keys(notifierEnvSchema.shape);
    const unknown = Object.keys(env).filter((key) => !known.includes(key));
    assert.deepEqual(unknown, [], `not in notifierEnvSchema: ${unknown.join(', ')}`);
  });

  it('gives an environment the app accepts at boot', () => {
    assert.doesNotThrow(() => loadNotifierConfig(env));
  });

  it('reaches Kafka through the broker listener advertised on the compose network', () => {
    const kafka = compose.service('kafka');
    const kafkaEnv = kafka.environment();
    const advertised = listeners(required(kafkaEnv, 'KAFKA_ADVERTISED_LISTENERS'));
    const internal = advertised.filter((l) => l.host === 'kafka');
    assert.equal(internal.length, 1, `kafka must advertise exactly one listener on host "kafka": ${JSON.stringify(advertised)}`);
    const listener = internal[0];
    assert.ok(listener);
    const bound = listeners(required(kafkaEnv, 'KAFKA_LISTENERS')).find((l) => l.name === listener.name);
    assert.equal(bound?.port, listener.port, `listener ${listener.name} is advertised but not bound on that port`);
    assert.deepEqual(loadNotifierConfig(env).kafka.brokers, [`${listener.host}:${listener.port}`]);
  });

  it('uses the database of the postgres service, migrated by the migrate service', () => {
    const url = new URL(required(env, 'DATABASE_URL'));
    const postgres = compose.service('postgres').environment();
    assert.equal(url.hostname, 'postgres');
    assert.equal(url.port || '5432', '5432');
    assert.equal(decodeURIComponent(url.username), postgres.POSTGRES_USER ?? 'postgres');
    assert.equal(decodeURIComponent(url.password), required(postgres, 'POSTGRES_PASSWORD'));
    assert.equal(url.pathname, `/${postgres.POSTGRES_DB ?? postgres.POSTGRES_USER ?? 'postgres'}`);
    assert.equal(compose.service('migrate').environment().DATABASE_URL, env.DATABASE_URL, 'migrate must migrate the database the app uses');
  });

  it('sends alert emails to the mailpit service over SMTP', () => {
    const smtpUrl = loadNotifierConfig(env).mail.smtpUrl;
    assert.ok(smtpUrl, 'the compose notifier must send real email');
    const smtp = new URL(smtpUrl);
    assert.equal(smtp.protocol, 'smtp:');
    assert.equal(smtp.hostname, 'mailpit');
    // Mailpit listens for SMTP on 1025 unless MP_SMTP_BIND_ADDR says otherwise.
    const bind = compose.service('mailpit').environment().MP_SMTP_BIND_ADDR ?? '0.0.0.0:1025';
    assert.equal(smtp.port, '1025');
    assert.ok(bind.endsWith(':1025'), `mailpit SMTP is bound to ${bind}`);
    assert.match(required(compose.service('mailpit').raw, 'image'), /^axllent\/mailpit:/);
  });

  it("publishes the app's port on its usual host port", () => {
    const containerPort = loadNotifierConfig(env).http.port;
    const published = service.ports().find((p) => p.container === containerPort);
    assert.ok(published, `no published port maps to PORT=${containerPort}: ${JSON.stringify(service.ports())}`);
    // The same port the app uses when run outside Docker, so the README's URLs hold for both.
    assert.equal(published.host, notifierEnvSchema.parse({}).PORT);
  });

  it('runs the same Kafka version as the broker the tests use (scripts/kafka/pom.xml)', () => {
    const image = required(compose.service('kafka').raw, 'image');
    const at = image.lastIndexOf(':');
    assert.ok(at > image.lastIndexOf('/'), `kafka image must be pinned: ${image}`);
    assert.equal(image.slice(0, at), 'apache/kafka');
    assert.equal(image.slice(at + 1), kafkaVersionOfPom());
  });

  it('starts after migrations succeeded, Kafka and Postgres are healthy and mailpit is up', () => {
    const dependsOn = service.record('depends_on');
    assert.deepEqual(dependsOn.migrate, { condition: 'service_completed_successfully' });
    assert.deepEqual(dependsOn.kafka, { condition: 'service_healthy' });
    assert.deepEqual(dependsOn.postgres, { condition: 'service_healthy' });
    assert.deepEqual(dependsOn.mailpit, { condition: 'service_started' });
    for (const name of ['kafka', 'postgres']) {
      assert.ok(compose.service(name).raw.healthcheck, `${name} needs a healthcheck for service_healthy`);
    }
    const migrate = compose.service('migrate');
    assert.deepEqual(migrate.record('depends_on').postgres, { condition: 'service_healthy' });
    const command = migrate.raw.command;
    assert.ok(Array.isArray(command) && command.includes('libs/infra/dist/db/migrate-cli.js') && command.includes('apply'));
  });
});

// ---- reading the compose file -------------------------------------------------------------------

type Json = Record<string, unknown>;

interface ComposeService {
  readonly raw: Json;
  record(key: string): Json;
  environment(): Record<string, string>;
  ports(): { host: number; container: number }[];
}

function readCompose(file: URL): { service(name: string): ComposeService } {
  const doc: unknown = parse(readFileSync(file, 'utf8'));
  const services = asRecord(asRecord(doc, 'docker-compose.yml').services, 'services');
  return {
    service(name) {
      const raw = asRecord(services[name], `service ${name}`);
      return {
        raw,
        record: (key) => asRecord(raw[key], `${name}.${key}`),
        environment: () => stringMap(raw.environment, `${name}.environment`),
        ports: () => portsOf(raw.ports, `${name}.ports`),
      };
    },
  };
}

function asRecord(value: unknown, what: string): Json {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${what} must be a mapping`);
  return value as Json;
}

/** Compose accepts `KEY: value` mappings and `- KEY=value` lists; both become a string map. */
function stringMap(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item): [string, unknown] => {
        const text = String(item);
        const eq = text.indexOf('=');
        return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
      })
    : Object.entries(asRecord(value, what));
  const out: Record<string, string> = {};
  for (const [key, v] of entries) {
    assert.ok(typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean', `${what}.${key} must have a value`);
    out[key] = String(v);
  }
  return out;
}

/** Short syntax `[ip:]host:container[/proto]` or long syntax `{ target, published }`. */
function portsOf(value: unknown, what: string): { host: number; container: number }[] {
  if (value === undefined) return [];
  assert.ok(Array.isArray(value), `${what} must be a list`);
  return value.map((entry: unknown) => {
    if (typeof entry === 'object' && entry !== null) {
      const long = entry as Json;
      return { host: Number(long.published), container: Number(long.target) };
    }
    const parts = String(entry).replace(/\/(tcp|udp)$/, '').split(':');
    return { host: Number(parts.at(-2)), container: Number(parts.at(-1)) };
  });
}

function required(map: Record<string, unknown>, key: string): string {
  const value = map[key];
  assert.ok(typeof value === 'string' && value.length > 0, `${key} must be set`);
  return value;
}

/** `NAME://host:port,...` as in KAFKA_LISTENERS and KAFKA_ADVERTISED_LISTENERS. */
function listeners(spec: string): { name: string; host: string; port: number }[] {
  return spec.split(',').map((item) => {
    const match = /^([A-Za-z0-9_]+):\/\/([^:]*):(\d+)$/.exec(item.trim());
    assert.ok(match?.[1] !== undefined && match[2] !== undefined && match[3] !== undefined, `not a listener: ${item}`);
    return { name: match[1], host: match[2], port: Number(match[3]) };
  });
}

/** The Kafka version the project's own broker runs: <kafka.version>, else the kafka_2.13 dependency's. */
function kafkaVersionOfPom(): string {
  const pom = readFileSync(new URL('scripts/kafka/pom.xml', repoRoot), 'utf8');
  const property = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pom)?.[1];
  const dependency = /<artifactId>kafka_2\.13<\/artifactId>\s*<version>\s*([^<\s]+)\s*<\/version>/.exec(pom)?.[1];
  const version = dependency === undefined || dependency.startsWith('${') ? property : dependency;
  assert.ok(version, 'scripts/kafka/pom.xml names no Kafka version');
  return version;
}
