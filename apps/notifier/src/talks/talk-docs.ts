// OpenAPI descriptions of the status API's answers (talk-views.ts has the types they document).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { alertingChangeTypes } from '@talkwatch/domain';

const roundStatuses = ['announced', 'scheduled', 'postponed', 'cancelled', 'held', 'concluded'];
const trackStatuses = ['proposed', 'active', 'paused', 'collapsed', 'concluded'];
const outcomes = ['agreement', 'breakdown', 'suspension'];

const TRACK_STATUS =
  'proposed: talks announced, no round met yet; active: a round met and nothing says the talks ended (a round that ended does not end them); ' +
  'paused: the latest round postponed or cancelled, or the talks reported suspended; concluded: an agreement settling them reported (signed, reached; talks declared over); ' +
  'collapsed: the talks reported broken down, broken off or dead. A round reported after the outcome makes the track active again.';
const CONFIDENCE =
  'How strongly the evidence supports it, in [0, 1]: its best report (cue strength, parties named or borrowed from context, date precision, ordinal and venue; for demands and responses the cue and how the party was resolved). null: no report carried one';

export class DateDoc {
  @ApiProperty({ description: 'The words of the article the date was read from' }) text!: string;
  @ApiProperty({ nullable: true, type: String, description: 'YYYY, YYYY-MM or YYYY-MM-DD; null when precision is "unknown"', example: '2022-01-10' })
  start!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Last day of a round over several days' }) end!: string | null;
  @ApiProperty({ enum: ['day', 'month', 'year', 'unknown'], description: '"unknown": a date an undated article gives relative to its own day ("on Tuesday"), kept as written' })
  precision!: string;
}

export class SyndicatedCopyDoc {
  @ApiProperty({ nullable: true, type: String, example: 'daily.example', description: 'The outlet that ran the copy (its URL\'s host)' }) outlet!: string | null;
  @ApiProperty({ nullable: true, type: String }) url!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'When Talkwatch received the copy' }) receivedAt!: string;
}

export class SourceDoc {
  @ApiProperty() articleId!: string;
  @ApiProperty({ nullable: true, type: String }) url!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Publication time of the article (ISO 8601); null: the article gives none' }) publishedAt!: string | null;
  @ApiProperty({ description: 'The sentence the fact was read from' }) sentence!: string;
  @ApiProperty({ description: 'Character offsets of the sentence in the article body' }) start!: number;
  @ApiProperty() end!: number;
}

/** A source of a round, demand or response: the article and the copies of it other outlets ran. */
export class FactSourceDoc extends SourceDoc {
  @ApiProperty({
    type: [SyndicatedCopyDoc],
    description: 'The same story as other outlets ran it (near-duplicate copies the ingestor linked to this article instead of taking them again): sources of the fact too, oldest first',
  })
  syndicatedBy!: SyndicatedCopyDoc[];
}

export class RoundReportDoc {
  @ApiProperty({ description: 'The article that reported it (one of the round\'s sources)' }) articleId!: string;
  @ApiProperty({ description: 'The report\'s time: the article\'s publication, or when an undated one was received' }) at!: string;
  @ApiProperty({ enum: roundStatuses }) status!: string;
  @ApiProperty({ type: DateDoc, nullable: true }) date!: DateDoc | null;
  @ApiProperty({ nullable: true, type: String }) venue!: string | null;
}

export class RoundDoc {
  @ApiProperty({ example: 'russia--united-states:round:2022-01-10' }) id!: string;
  @ApiProperty({ nullable: true, type: Number }) ordinal!: number | null;
  @ApiProperty({ enum: roundStatuses }) status!: string;
  @ApiProperty({ type: DateDoc, nullable: true }) date!: DateDoc | null;
  @ApiProperty({ nullable: true, type: String }) venue!: string | null;
  @ApiProperty({ type: [String], description: 'Parties reported as mediating, facilitating or hosting the round; not sides of the track', example: ['Qatar'] }) mediators!: string[];
  @ApiProperty({ enum: outcomes, nullable: true, type: String, description: 'What its reports say the negotiation as a whole came to; null: nothing (a round that ended is no outcome)' })
  outcome!: string | null;
  @ApiProperty({ nullable: true, type: Number, minimum: 0, maximum: 1, example: 0.85, description: CONFIDENCE }) confidence!: number | null;
  @ApiProperty({ type: [FactSourceDoc], description: 'Every article that reported the round' }) sources!: FactSourceDoc[];
  @ApiProperty({ type: [RoundReportDoc], description: 'What each report said (status, date, venue), oldest first: where outlets disagree, the resolved round is one reading of several' })
  reports!: RoundReportDoc[];
  @ApiProperty() firstReportedAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class DemandDoc {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The demanding party' }) by!: string;
  @ApiProperty({ type: [String] }) addressedTo!: string[];
  @ApiProperty({ description: 'The wording reported most often' }) text!: string;
  @ApiProperty({ nullable: true, type: String }) category!: string | null;
  @ApiProperty({ enum: ['open', 'accepted', 'rejected', 'countered'] }) status!: string;
  @ApiProperty({ nullable: true, type: Number, minimum: 0, maximum: 1, example: 0.9, description: CONFIDENCE }) confidence!: number | null;
  @ApiProperty({ type: [String], description: 'Every distinct wording the outlets used, most reported first' }) wordings!: string[];
  @ApiProperty({ type: [FactSourceDoc] }) sources!: FactSourceDoc[];
  @ApiProperty() firstReportedAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ResponseDoc {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The responding party' }) by!: string;
  @ApiProperty({ type: [String] }) to!: string[];
  @ApiProperty({ enum: ['accepted', 'rejected', 'counter-proposal'] }) kind!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The demand it answers, when the article links one' }) demandId!: string | null;
  @ApiProperty({ nullable: true, type: Number, minimum: 0, maximum: 1, example: 0.75, description: CONFIDENCE }) confidence!: number | null;
  @ApiProperty({ type: [FactSourceDoc] }) sources!: FactSourceDoc[];
  @ApiProperty() firstReportedAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class TrackSummaryDoc {
  @ApiProperty({ example: 'nato--russia' }) id!: string;
  @ApiProperty({ example: 'NATO – Russia' }) name!: string;
  @ApiProperty({ type: [String], description: 'The sides: who negotiates (mediators are not sides)' }) parties!: string[];
  @ApiProperty({ type: [String], description: 'Parties reported as mediating any of its rounds', example: ['Qatar'] }) mediators!: string[];
  @ApiProperty({ nullable: true, type: String, example: 'NATO-Russia Council' }) forum!: string | null;
  @ApiProperty({ enum: trackStatuses, description: TRACK_STATUS }) status!: string;
  @ApiProperty({ type: RoundDoc, nullable: true, description: 'The latest round that met' }) lastRound!: RoundDoc | null;
  @ApiProperty({ type: RoundDoc, nullable: true, description: 'The first round still ahead (announced, scheduled or postponed)' }) nextRound!: RoundDoc | null;
  @ApiProperty() roundCount!: number;
  @ApiProperty() openDemandCount!: number;
  @ApiProperty({ description: 'How many articles reported any of its facts' }) sourceCount!: number;
  @ApiProperty({ description: 'The time of the latest report folded (event occurredAt)' }) updatedAt!: string;
}

export class TrackDetailDoc extends TrackSummaryDoc {
  @ApiProperty({ type: [RoundDoc] }) rounds!: RoundDoc[];
  @ApiProperty({ type: [DemandDoc] }) demands!: DemandDoc[];
  @ApiProperty({ type: [ResponseDoc] }) responses!: ResponseDoc[];
  @ApiProperty({ description: 'How many events changed the track' }) version!: number;
}

export class ChangeDoc {
  @ApiProperty({ description: 'Derived from the facts: a replay or re-extraction gives the same id' }) id!: string;
  @ApiProperty({ enum: [...alertingChangeTypes, 'track.status-changed'] }) type!: string;
  @ApiProperty() trackId!: string;
  @ApiProperty() trackName!: string;
  @ApiProperty({ description: 'The reported time of the fact behind the change' }) occurredAt!: string;
  @ApiProperty({ description: 'One sentence, as in an alert' }) summary!: string;
  @ApiProperty({ type: SourceDoc }) source!: SourceDoc;
  @ApiPropertyOptional({ description: 'Type-specific fields (roundId, from, to, demandId, ...): see docs/events.md' }) roundId?: string;
}
