// Each e2e run uses topics of its own on the shared broker; they are deleted afterwards.
import { Kafka, logLevel } from 'kafkajs';

export const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:19092';

export async function deleteTopic(topic: string): Promise<void> {
  const admin = new Kafka({ clientId: 'e2e-cleanup', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
