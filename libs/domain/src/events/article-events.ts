// From an article to the events the log carries: one RoundReported per round and one
// DemandReported per demand, with ids derived from the article and the fact (never from time),
// so that reading the same article twice yields the same events.
import type { ArticleInput } from '../text/article.js';
import { type DemandReported, EVENT_SCHEMA_VERSION, type EventMetadata, type FactEvent, type ResponseReported, type RoundReported, type SourceRef, parseFactEvent } from './events.js';
import { EXTRACTOR_VERSION, type Evidence, type Extraction, extractArticle } from '../extraction/extractor.js';
import { type Gazetteer, getDefaultGazetteer } from '../extraction/gazetteer/gazetteer.js';
import { groupSides } from '../extraction/group-sides.js';
import { normaliseForComparison, slugify, sortParties, stableHash, trackIdFor, trackNameFor } from './ids.js';

export interface EventsFromArticleInput {
  /** Stable id of the article (e.g. a hash of its URL or content), chosen by the caller. */
  articleId: string;
  article: ArticleInput;
  /** When Talkwatch read the article (ISO 8601). */
  observedAt: string;
  /**
   * When Talkwatch first received the article (ISO 8601; default observedAt): an undated article's
   * facts are reported as of then (occurredAt), also when a re-extraction reads it again later.
   */
  receivedAt?: string;
  gazetteer?: Gazetteer;
  /** A ready extraction of `article`, when the caller already has one. */
  extraction?: Extraction;
}

function sourceRef(articleId: string, article: ArticleInput, evidence: Evidence): SourceRef {
  return {
    articleId,
    url: article.url,
    title: article.title,
    publishedAt: article.publishedAt,
    sentence: evidence.sentence,
    start: evidence.start,
    end: evidence.end,
  };
}

/** The track of two parties, as demands and responses are placed: no forum. */
function bilateralTrack(a: string, b: string): { trackId: string; trackName: string; parties: string[]; forum: null } {
  const parties = sortParties([a, b]);
  return { trackId: trackIdFor(parties), trackName: trackNameFor(parties), parties, forum: null };
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}~${n}`;
  used.add(id);
  return id;
}

/**
 * The events an article reports, validated against the catalogue's schemas. A demand yields one
 * event per addressee; demands whose addressee is unknown cannot be placed on a track (a track has
 * at least two parties) and are left out.
 */
export function eventsFromArticle(input: EventsFromArticleInput): FactEvent[] {
  const { articleId, article, observedAt } = input;
  const extraction = input.extraction ?? extractArticle(article, input.gazetteer);
  const used = new Set<string>();
  const metadata = (evidence: Evidence): EventMetadata => ({
    articleId,
    source: sourceRef(articleId, article, evidence),
    extractorVersion: EXTRACTOR_VERSION,
    occurredAt: article.publishedAt ?? input.receivedAt ?? observedAt,
    observedAt,
  });
  const events: FactEvent[] = [];
  const gazetteer = input.gazetteer ?? getDefaultGazetteer();
  for (const round of extraction.rounds) {
    // The track is the sides' negotiation however the article names them: all members of a group
    // listed are the group ("Britain, China, France, Germany and Russia" beside Iran: the P4+1).
    const parties = groupSides(round.parties, gazetteer);
    const trackId = trackIdFor(parties);
    const fact = round.ordinal !== null ? `n${round.ordinal}` : (round.date?.start ?? `s${round.evidence.start}`);
    const event: RoundReported = {
      id: uniqueId(`${articleId}:round:${trackId}:${fact}`, used),
      type: 'RoundReported',
      schemaVersion: EVENT_SCHEMA_VERSION,
      data: {
        trackId,
        trackName: trackNameFor(parties),
        parties,
        forum: round.forum,
        ordinal: round.ordinal,
        status: round.status,
        date: round.date,
        venue: round.venue,
        mediators: [...round.mediators],
        outcome: round.outcome,
        confidence: round.confidence,
      },
      metadata: metadata(round.evidence),
    };
    events.push(parseFactEvent(event));
  }
  // Tracks are negotiations between parties: a demand addressed to several parties is reported on
  // each bilateral track (demanding party + one addressee).
  for (const demand of extraction.demands) {
    const addressees = sortParties(demand.addressedTo.filter((p) => p !== demand.by));
    for (const addressee of addressees) {
      const track = bilateralTrack(demand.by, addressee);
      const event: DemandReported = {
        id: uniqueId(`${articleId}:demand:${track.trackId}:${slugify(demand.by)}:${stableHash(normaliseForComparison(demand.text))}`, used),
        type: 'DemandReported',
        schemaVersion: EVENT_SCHEMA_VERSION,
        data: {
          ...track,
          by: demand.by,
          addressedTo: addressees,
          text: demand.text,
          category: demand.category,
          confidence: demand.confidence,
        },
        metadata: metadata(demand.evidence),
      };
      events.push(parseFactEvent(event));
    }
  }
  // A response sits on the track of the responder and each party it answers; when the text names
  // no addressee, the author of the demand it answers is the one.
  for (const response of extraction.responses ?? []) {
    const named = response.to.length > 0 ? response.to : response.demand ? [response.demand.by] : [];
    const addressees = sortParties(named.filter((p) => p !== response.by));
    for (const addressee of addressees) {
      const track = bilateralTrack(response.by, addressee);
      const event: ResponseReported = {
        id: uniqueId(
          `${articleId}:response:${track.trackId}:${slugify(response.by)}:${response.kind}:${stableHash(normaliseForComparison(response.text))}`,
          used,
        ),
        type: 'ResponseReported',
        schemaVersion: EVENT_SCHEMA_VERSION,
        data: {
          ...track,
          by: response.by,
          to: addressees,
          kind: response.kind,
          text: response.text,
          demand: response.demand,
          confidence: response.confidence,
        },
        metadata: metadata(response.evidence),
      };
      events.push(parseFactEvent(event));
    }
  }
  return events;
}
