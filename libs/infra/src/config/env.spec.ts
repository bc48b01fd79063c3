import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ConfigError, commonEnvShape, databaseEnvShape, kafkaEnvShape, parseEnv } from './env.js';

const schema = z.object({ ...commonEnvShape, ...databaseEnvShape, ...kafkaEnvShape });

describe('parseEnv', () => {
  it('applies defaults and leaves optional services unset when absent or empty', () => {
    const env = parseEnv(schema, { KAFKA_BROKERS: '  ', DATABASE_URL: '' });
    assert.equal(env.DATABASE_URL, undefined);
    assert.equal(env.KAFKA_BROKERS, undefined);
    assert.equal(env.DATA_DIR, './data');
    assert.equal(env.KAFKA_TOPIC, 'talkwatch.events');
    assert.equal(env.LOG_LEVEL, 'info');
  });

  it('splits and checks the broker list', () => {
    assert.deepEqual(parseEnv(schema, { KAFKA_BROKERS: 'a:1, b:2' }).KAFKA_BROKERS, ['a:1', 'b:2']);
  });

  it('reports every bad variable at once', () => {
    assert.throws(
      () => parseEnv(schema, { DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'nohost', LOG_LEVEL: 'loud', KAFKA_TOPIC_PARTITIONS: '0' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const vars = error.problems.map((p) => p.split(':')[0]).sort();
        assert.deepEqual(vars, ['DATABASE_URL', 'KAFKA_BROKERS.0', 'KAFKA_TOPIC_PARTITIONS', 'LOG_LEVEL']);
        return true;
      },
    );
  });
});
