import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, judgeAddress, requireExternalServices } from '@talkwatch/infra';
import { loadNotifierConfig } from './config.js';

describe('notifier config', () => {
  it('defaults to 10 attempts, public destinations only, open reads and no keys', () => {
    const config = loadNotifierConfig({});
    assert.equal(config.delivery.retry.delaysMs.length, 9);
    assert.equal(config.delivery.retry.jitter, 0.1);
    assert.equal(config.delivery.retry.retryAfterMaxMs, 3_600_000);
    assert.equal(config.delivery.webhookConnectTimeoutMs, 5000);
    assert.deepEqual(config.outbound.allowlist, { hosts: [], networks: [] });
    assert.equal(config.auth.publicRead, true);
    assert.deepEqual(config.auth.keys, []);
  });

  it('reads the schedule in seconds, the allowlist and the keys', () => {
    const config = loadNotifierConfig({
      DELIVERY_RETRY_SCHEDULE: '1s,2,500ms',
      DELIVERY_RETRY_JITTER: '0',
      OUTBOUND_ALLOWLIST: '127.0.0.1,hooks.internal',
      API_KEYS: `${'k'.repeat(32)}:admin`,
      PUBLIC_READ: 'false',
    });
    assert.deepEqual(config.delivery.retry.delaysMs, [1000, 2000, 500]);
    assert.equal(judgeAddress('127.0.0.1', config.outbound.allowlist).allowed, true);
    assert.deepEqual(config.outbound.allowlist.hosts, ['hooks.internal']);
    assert.deepEqual(config.auth.keys.map((k) => k.scopes), [['admin']]);
    assert.equal(config.auth.publicRead, false);
  });

  it('sets HTTP timeouts and the accepted years, checking how they relate', () => {
    const config = loadNotifierConfig({});
    assert.deepEqual(config.http.limits, { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
    assert.deepEqual(config.dateYears, { min: 1900, max: 2100 });
    const set = loadNotifierConfig({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '4000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000', MIN_DATE_YEAR: '1800', MAX_DATE_YEAR: '2200' });
    assert.deepEqual(set.http.limits, { headersTimeoutMs: 2000, requestTimeoutMs: 4000, keepAliveTimeoutMs: 1000 });
    assert.deepEqual(set.dateYears, { min: 1800, max: 2200 });
    assert.throws(
      () => loadNotifierConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '4000', MIN_DATE_YEAR: '2200', MAX_DATE_YEAR: '2100' }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 2 && error.problems.some((p) => p.startsWith('HTTP_HEADERS_TIMEOUT_MS')) && error.problems.some((p) => p.startsWith('MIN_DATE_YEAR')),
    );
  });

  it('lists every bad variable at once', () => {
    assert.throws(
      () => loadNotifierConfig({ DELIVERY_RETRY_SCHEDULE: '1s,soon', OUTBOUND_ALLOWLIST: '10.0.0.0/99', API_KEYS: 'short', DELIVERY_RETRY_AFTER_MAX: 'x' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems.map((p) => p.split(':')[0]).sort(), ['API_KEYS', 'DELIVERY_RETRY_AFTER_MAX', 'DELIVERY_RETRY_SCHEDULE', 'OUTBOUND_ALLOWLIST']);
        return true;
      },
    );
  });

  it('run apart, it needs API keys besides Kafka and PostgreSQL', () => {
    const config = loadNotifierConfig({ DATABASE_URL: 'postgresql://db/x', KAFKA_BROKERS: 'k:9092' });
    assert.throws(
      () => {
        requireExternalServices('notifier', config);
      },
      (error: unknown) => error instanceof ConfigError && error.problems.length === 1 && (error.problems[0] ?? '').startsWith('API_KEYS: required'),
    );
    assert.doesNotThrow(() => {
      requireExternalServices('notifier', loadNotifierConfig({ DATABASE_URL: 'postgresql://db/x', KAFKA_BROKERS: 'k:9092', API_KEYS: 'k'.repeat(32) }));
    });
  });
  it('takes the consumer group session timeout within what a broker allows', () => {
    assert.equal(loadNotifierConfig({}).kafka.sessionTimeoutMs, 30_000);
    assert.equal(loadNotifierConfig({ KAFKA_SESSION_TIMEOUT_MS: '10000' }).kafka.sessionTimeoutMs, 10_000);
    assert.throws(() => loadNotifierConfig({ KAFKA_SESSION_TIMEOUT_MS: '1000' }), (error: unknown) => error instanceof ConfigError && (error.problems[0] ?? '').startsWith('KAFKA_SESSION_TIMEOUT_MS'));
  });
  it('holds a claimed delivery longer than any attempt can take, and refuses a lease that could run out mid-send', () => {
    assert.equal(loadNotifierConfig({}).delivery.leaseMs, 60_000);
    assert.equal(loadNotifierConfig({ SMTP_TIMEOUT_MS: '45000' }).delivery.leaseMs, 90_000);
    assert.equal(loadNotifierConfig({ DELIVERY_LEASE_MS: '3000', WEBHOOK_TIMEOUT_MS: '1000', SMTP_TIMEOUT_MS: '2000' }).delivery.leaseMs, 3000);
    assert.equal(loadNotifierConfig({ SMTP_TIMEOUT_MS: '2000' }).mail.timeoutMs, 2000);
    assert.throws(
      () => loadNotifierConfig({ DELIVERY_LEASE_MS: '5000', WEBHOOK_TIMEOUT_MS: '5000', SMTP_TIMEOUT_MS: '1000' }),
      (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.startsWith('DELIVERY_LEASE_MS: must exceed the longest attempt')),
    );
  });
});
