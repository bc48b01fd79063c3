import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '@talkwatch/infra';
import { loadTalkwatchConfig } from './config.js';

describe('one-process config', () => {
  it('embeds everything when nothing is configured', () => {
    const config = loadTalkwatchConfig({}, []);
    assert.equal(config.http.port, 3000);
    assert.equal(config.http.host, '127.0.0.1');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.kafka.brokers, undefined);
    assert.equal(config.notifier.mail.smtpUrl, undefined);
    assert.equal(config.dataDir, './data');
    assert.equal(config.examples.load, true);
  });

  it('uses the real services when configured, and --no-examples or LOAD_EXAMPLES=false skip the examples', () => {
    const config = loadTalkwatchConfig({ DATABASE_URL: 'postgresql://db/x', KAFKA_BROKERS: 'k:9092', LOAD_EXAMPLES: 'false' }, []);
    assert.equal(config.databaseUrl, 'postgresql://db/x');
    assert.deepEqual(config.kafka.brokers, ['k:9092']);
    assert.equal(config.examples.load, false);
    assert.equal(loadTalkwatchConfig({}, ['--no-examples']).examples.load, false);
  });

  it('lists every bad variable of all three parts at once', () => {
    assert.throws(
      () => loadTalkwatchConfig({ PORT: 'x', LOG_LEVEL: 'loud', SMTP_URL: 'http://mail' }, []),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 3,
    );
  });

  it('exposes /metrics by default, with METRICS_TOKEN when given, and lists a bad one once with the rest', () => {
    assert.deepEqual(loadTalkwatchConfig({}, []).metrics, { enabled: true, token: undefined });
    assert.deepEqual(loadTalkwatchConfig({ METRICS_ENABLED: 'false', METRICS_TOKEN: 'prometheus-scrape-0123' }, []).metrics, { enabled: false, token: 'prometheus-scrape-0123' });
    assert.throws(
      () => loadTalkwatchConfig({ METRICS_TOKEN: 'short', PORT: 'x' }, []),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 2 && error.problems.filter((p) => p.startsWith('METRICS_TOKEN')).length === 1,
    );
  });
});
