// The body of an extraction worker thread (see extraction-pool.ts): reads one article at a time
// with its own gazetteer and posts the events back. Only the domain is loaded here, not Nest.
import { parentPort, workerData } from 'node:worker_threads';
import { createGazetteer, eventsFromArticle, getDefaultGazetteer } from '@talkwatch/domain';
import type { ExtractionRequest, ExtractionWorkerData, WorkerMessage } from './extraction-pool.js';

const { gazetteerExtension } = workerData as ExtractionWorkerData;
const gazetteer = gazetteerExtension ? createGazetteer(gazetteerExtension) : getDefaultGazetteer();

parentPort?.on('message', ({ id, request }: { id: number; request: ExtractionRequest }) => {
  let message: WorkerMessage;
  try {
    message = { id, events: eventsFromArticle({ ...request, gazetteer }) };
  } catch (error) {
    message = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(message);
});
