// docker-compose.yml cannot be run in the tests, so it is checked as data. This module reads the file
// and holds the checks every app service shares; each app's compose.spec.ts adds only its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

/** libs/infra/dist/testing/compose-file.js → the repository root. */
export const repoRoot = new URL('../../../../', import.meta.url);

export type Json = Record<string, unknown>;

export interface PublishedPort {
  readonly host: number;
  readonly container: number;
}

export interface Listener {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

export interface ComposeService {
  readonly raw: Json;
  record(key: string): Json;
  environment(): Record<string, string>;
  ports(): PublishedPort[];
}

export interface ComposeFile {
  service(name: string): ComposeService;
}

export function readCompose(file: URL = new URL('docker-compose.yml', repoRoot)): ComposeFile {
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

export function asRecord(value: unknown, what: string): Json {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${what} must be a mapping`);
  return value as Json;
}

/** Compose accepts `KEY: value` mappings and `- KEY=value` lists; both become a string map. */
export function stringMap(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item: unknown): [string, unknown] => {
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
export function portsOf(value: unknown, what: string): PublishedPort[] {
  if (value === undefined) return [];
  assert.ok(Array.isArray(value), `${what} must be a list`);
  return value.map((entry: unknown): PublishedPort => {
    if (typeof entry === 'object' && entry !== null) {
      const long = entry as Json;
      return { host: Number(long.published), container: Number(long.target) };
    }
    const parts = String(entry).replace(/\/(tcp|udp)$/, '').split(':');
    return { host: Number(parts.at(-2)), container: Number(parts.at(-1)) };
  });
}

export function required(map: Readonly<Record<string, unknown>>, key: string): string {
  const value = map[key];
  assert.ok(typeof value === 'string' && value.length > 0, `${key} must be set`);
  return value;
}

/** `NAME://host:port,...` as in KAFKA_LISTENERS and KAFKA_ADVERTISED_LISTENERS. */
export function listeners(spec: string): Listener[] {
  return spec.split(',').map((item) => {
    const match = /^([A-Za-z0-9_]+):\/\/([^:]*):(\d+)$/.exec(item.trim());
    assert.ok(match?.[1] !== undefined && match[2] !== undefined && match[3] !== undefined, `not a listener: ${item}`);
    return { name: match[1], host: match[2], port: Number(match[3]) };
  });
}

/** The Kafka version the project's own broker runs: <kafka.version>, else the kafka_2.13 dependency's. */
export function kafkaVersionOfPom(root: URL = repoRoot): string {
  const pom = readFileSync(new URL('scripts/kafka/pom.xml', root), 'utf8');
  const property = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pom)?.[1];
  const dependency = /<artifactId>kafka_2\.13<\/artifactId>\s*<version>\s*([^<\s]+)\s*<\/version>/.exec(pom)?.[1];
  const version = dependency === undefined || dependency.startsWith('${') ? property : dependency;
  assert.ok(version, 'scripts/kafka/pom.xml names no Kafka version');
  return version;
}

// ---- the checks every app service shares ------------------------------------------------------------

export type DependencyCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

/** What the shared checks need of an app's config: the parts docker-compose.yml has to get right. */
export interface ComposeAppConfig {
  readonly http: { readonly port: number };
  readonly kafka: { readonly brokers: readonly string[] | undefined };
}

export interface ComposeAppOptions {
  /** The compose service, which is also the APP build argument of the Dockerfile. */
  readonly app: string;
  /** The app's env schema (a zod object): its keys are the variables the app knows; `parse({})` gives its defaults. */
  readonly envSchema: { readonly shape: object; parse(input: unknown): { readonly PORT: number } };
  /** The app's config loader, as run at boot; throws on an environment it rejects. */
  readonly loadConfig: (env: Record<string, string>) => ComposeAppConfig;
  /** Services the app waits for beyond migrate, kafka and postgres; `when` finishes the test's title. */
  readonly extraDependencies?: readonly { readonly service: string; readonly condition: DependencyCondition; readonly when: string }[];
  /** Where docker-compose.yml and scripts/kafka/pom.xml live; the repository root by default. */
  readonly root?: URL;
}

export interface ComposeAppContext {
  readonly compose: ComposeFile;
  readonly service: ComposeService;
  readonly env: Record<string, string>;
}

/**
 * Registers the suite `docker-compose.yml: <app>` with the checks every app service shares, then the
 * app's own checks (`appChecks`, given the parsed file, the app's service and its environment).
 */
export function describeComposeApp(options: ComposeAppOptions, appChecks?: (context: ComposeAppContext) => void): void {
  const { app, envSchema, loadConfig, extraDependencies = [], root = repoRoot } = options;
  const compose = readCompose(new URL('docker-compose.yml', root));
  const service = compose.service(app);
  const env = service.environment();

  describe(`docker-compose.yml: ${app}`, () => {
    it('builds this app from the Dockerfile', () => {
      const build = service.record('build');
      assert.equal(build.context, '.', 'build context must be the repository root');
      assert.equal(build.dockerfile ?? 'Dockerfile', 'Dockerfile');
      assert.equal(stringMap(build.args, `${app}.build.args`).APP, app);
    });

    it(`passes only variables the ${app} config schema defines`, () => {
      const known = Object.keys(envSchema.shape);
      const unknown = Object.keys(env).filter((key) => !known.includes(key));
      assert.deepEqual(unknown, [], `not in the ${app} env schema: ${unknown.join(', ')}`);
    });

    it('gives an environment the app accepts at boot', () => {
      assert.doesNotThrow(() => loadConfig(env));
    });

    it('reaches Kafka through the broker listener advertised on the compose network', () => {
      const kafkaEnv = compose.service('kafka').environment();
      const advertised = listeners(required(kafkaEnv, 'KAFKA_ADVERTISED_LISTENERS'));
      const internal = advertised.filter((l) => l.host === 'kafka');
      assert.equal(internal.length, 1, `kafka must advertise exactly one listener on host "kafka": ${JSON.stringify(advertised)}`);
      const listener = internal[0];
      assert.ok(listener);
      const bound = listeners(required(kafkaEnv, 'KAFKA_LISTENERS')).find((l) => l.name === listener.name);
      assert.equal(bound?.port, listener.port, `listener ${listener.name} is advertised but not bound on that port`);
      assert.deepEqual(loadConfig(env).kafka.brokers, [`${listener.host}:${listener.port}`]);
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

    it("publishes the app's port on its usual host port", () => {
      const containerPort = loadConfig(env).http.port;
      const published = service.ports().find((p) => p.container === containerPort);
      assert.ok(published, `no published port maps to PORT=${containerPort}: ${JSON.stringify(service.ports())}`);
      // The same port the app uses when run outside Docker, so the README's URLs hold for both.
      assert.equal(published.host, envSchema.parse({}).PORT);
    });

    it('runs the same Kafka version as the broker the tests use (scripts/kafka/pom.xml)', () => {
      const image = required(compose.service('kafka').raw, 'image');
      const at = image.lastIndexOf(':');
      assert.ok(at > image.lastIndexOf('/'), `kafka image must be pinned: ${image}`);
      assert.equal(image.slice(0, at), 'apache/kafka');
      assert.equal(image.slice(at + 1), kafkaVersionOfPom(root));
    });

    const waitsFor = extraDependencies.length === 0
      ? 'migrations succeeded and Kafka and Postgres are healthy'
      : `migrations succeeded, Kafka and Postgres are healthy and ${extraDependencies.map((d) => d.when).join(' and ')}`;
    it(`starts after ${waitsFor}`, () => {
      const dependsOn = service.record('depends_on');
      assert.deepEqual(dependsOn.migrate, { condition: 'service_completed_successfully' });
      assert.deepEqual(dependsOn.kafka, { condition: 'service_healthy' });
      assert.deepEqual(dependsOn.postgres, { condition: 'service_healthy' });
      for (const { service: name, condition } of extraDependencies) {
        assert.deepEqual(dependsOn[name], { condition });
      }
      for (const name of ['kafka', 'postgres']) {
        assert.ok(compose.service(name).raw.healthcheck, `${name} needs a healthcheck for service_healthy`);
      }
      const migrate = compose.service('migrate');
      assert.deepEqual(migrate.record('depends_on').postgres, { condition: 'service_healthy' });
      const command = migrate.raw.command;
      assert.ok(Array.isArray(command) && command.includes('libs/infra/dist/db/migrate-cli.js') && command.includes('apply'));
    });

    appChecks?.({ compose, service, env });
  });
}
