// Public read feeds: the changes as Atom, the rounds as iCalendar, of every track or of one. Open
// like the rest of the status API (a key only when PUBLIC_READ=false).
import { Controller, Get, Header, Inject, Param, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { checkId, ProblemError } from '@talkwatch/infra';
import type { Request } from 'express';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';
import { atomFeedOf, feedTag } from './atom-feed.js';
import { calendarOf } from './calendar-feed.js';
import { FeedsRepository } from './feeds.repository.js';

/** How many changes an Atom feed carries: the newest; readers keep what they saw before. */
export const atomFeedEntries = 100;
const atomType = 'application/atom+xml; charset=utf-8';
const calendarType = 'text/calendar; charset=utf-8';
const atomDoc = { description: 'An Atom feed (RFC 4287), newest change first', content: { 'application/atom+xml': { schema: { type: 'string' } } } };
const calendarDoc = { description: 'An iCalendar feed (RFC 5545)', content: { 'text/calendar': { schema: { type: 'string' } } } };

@ApiTags('feeds')
@Controller()
export class FeedsController {
  constructor(
    private readonly feeds: FeedsRepository,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {}

  /** Absolute links in the feeds: the configured public URL, else the Host the request named (checked against the allowed hosts). */
  private baseUrl(request: Request): string {
    const configured = this.config.publicAccess.publicUrls[0];
    if (configured) return configured.replace(/\/+$/, '');
    return `${request.protocol}://${request.get('host') ?? `localhost:${this.config.http.port}`}`;
  }

  private async trackNameOrThrow(id: string): Promise<string> {
    const name = await this.feeds.trackName(id);
    if (name === undefined) throw new ProblemError(404, 'track-not-found', 'No such negotiation track', `No track with id ${id}; GET /talks lists them.`);
    return name;
  }

  @Get('talks.atom')
  @Header('Content-Type', atomType)
  @ApiOperation({ summary: 'Every track\'s changes as an Atom feed, for feed readers: the newest 100.' })
  @ApiProduces('application/atom+xml')
  @ApiOkResponse(atomDoc)
  async allChanges(@Req() request: Request): Promise<string> {
    const base = this.baseUrl(request);
    const changes = await this.feeds.latestChanges(atomFeedEntries);
    return atomFeedOf(changes, {
      title: 'Talkwatch: every negotiation',
      id: feedTag('changes'),
      selfUrl: `${base}/talks.atom`,
      alternateUrl: `${base}/talks`,
      trackUrl: (trackId) => `${base}/talks/${encodeURIComponent(trackId)}`,
    });
  }

  @Get('talks/:id/feed.atom')
  @Header('Content-Type', atomType)
  @ApiOperation({ summary: 'One track\'s changes as an Atom feed: the newest 100.' })
  @ApiProduces('application/atom+xml')
  @ApiOkResponse(atomDoc)
  @ApiNotFoundResponse({ description: 'problem+json, code track-not-found' })
  async trackChanges(@Param('id') id: string, @Req() request: Request): Promise<string> {
    const trackId = checkId(id, 'track id');
    const name = await this.trackNameOrThrow(trackId);
    const base = this.baseUrl(request);
    const trackUrl = (track: string) => `${base}/talks/${encodeURIComponent(track)}`;
    return atomFeedOf(await this.feeds.latestChanges(atomFeedEntries, trackId), {
      title: `Talkwatch: ${name}`,
      id: feedTag(`track:${encodeURIComponent(trackId)}`),
      selfUrl: `${trackUrl(trackId)}/feed.atom`,
      alternateUrl: trackUrl(trackId),
      trackUrl,
    });
  }

  @Get('talks.ics')
  @Header('Content-Type', calendarType)
  @ApiOperation({ summary: 'Every track\'s rounds as an iCalendar feed: all-day events on the reported days (over the month when only the month is known), STATUS CANCELLED for postponed and cancelled rounds.' })
  @ApiProduces('text/calendar')
  @ApiOkResponse(calendarDoc)
  async allRounds(@Req() request: Request): Promise<string> {
    const base = this.baseUrl(request);
    return calendarOf(await this.feeds.trackStates(), { name: 'Talkwatch: negotiation rounds', trackUrl: (trackId) => `${base}/talks/${encodeURIComponent(trackId)}` });
  }

  @Get('talks/:id/calendar.ics')
  @Header('Content-Type', calendarType)
  @ApiOperation({ summary: 'One track\'s rounds as an iCalendar feed.' })
  @ApiProduces('text/calendar')
  @ApiOkResponse(calendarDoc)
  @ApiNotFoundResponse({ description: 'problem+json, code track-not-found' })
  async trackRounds(@Param('id') id: string, @Req() request: Request): Promise<string> {
    const trackId = checkId(id, 'track id');
    const name = await this.trackNameOrThrow(trackId);
    const base = this.baseUrl(request);
    return calendarOf(await this.feeds.trackStates(trackId), { name: `Talkwatch: ${name}`, trackUrl: (track) => `${base}/talks/${encodeURIComponent(track)}` });
  }
}
