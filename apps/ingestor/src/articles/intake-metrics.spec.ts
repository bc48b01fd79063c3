import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Metrics, ProblemError, ServiceUnreachableError } from '@talkwatch/infra';
import { countIntake } from './intake-metrics.js';

async function counts(metrics: Metrics): Promise<Record<string, number>> {
  const { values } = await metrics.articles.get();
  return Object.fromEntries(values.map((v) => [`${v.labels.source}/${v.labels.outcome}`, v.value]));
}

describe('countIntake', () => {
  it('counts accepted and duplicate answers under the way the article came in, and hands the answer on', async () => {
    const metrics = new Metrics();
    const answer = await countIntake(metrics, 'api', () => Promise.resolve({ status: 'accepted' as const, articleId: 'a1' }));
    assert.deepEqual(answer, { status: 'accepted', articleId: 'a1' });
    await countIntake(metrics, 'api', () => Promise.resolve({ status: 'duplicate' as const }));
    await countIntake(metrics, 'feed', () => Promise.resolve({ status: 'duplicate' as const }));
    assert.deepEqual(await counts(metrics), { 'api/accepted': 1, 'api/duplicate': 1, 'feed/duplicate': 1 });
  });

  it('counts a 4xx refusal as rejected and rethrows it; Talkwatch\'s own failures are not a verdict on the article', async () => {
    const metrics = new Metrics();
    const refused = new ProblemError(422, 'too-many-facts', 'The article reports too many facts');
    await assert.rejects(countIntake(metrics, 'folder', () => Promise.reject(refused)), (error) => error === refused);
    await assert.rejects(countIntake(metrics, 'url', () => Promise.reject(new ProblemError(413, 'payload-too-large', 'Too large'))));
    await assert.rejects(countIntake(metrics, 'url', () => Promise.reject(new ProblemError(503, 'dependency-unavailable', 'Down'))));
    await assert.rejects(countIntake(metrics, 'url', () => Promise.reject(new ProblemError(429, 'rate-limited', 'Slow down'))));
    await assert.rejects(countIntake(metrics, 'api', () => Promise.reject(new ServiceUnreachableError('Kafka', '127.0.0.1:1', 'refused'))));
    await assert.rejects(countIntake(metrics, 'api', () => Promise.reject(new Error('bug'))));
    assert.deepEqual(await counts(metrics), { 'folder/rejected': 1, 'url/rejected': 1 });
  });
});
