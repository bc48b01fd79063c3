import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { checkId, ProblemError, RequireScope } from '@talkwatch/infra';
import type { z } from 'zod';
import { AddSource, RemoveSource, UpdateSource } from './manage-sources.js';
import { newSourceSchema, sourcePatchSchema } from './source-settings.js';
import { SourceDoc, SourcePatchDoc, SourceRequestDoc, type SourceView } from './source-view.js';
import { SourcesQuery } from './sources.query.js';

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  throw new ProblemError(422, 'invalid-source', 'The source is not valid', errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });
}

@ApiTags('sources')
// A source makes Talkwatch ingest whatever the feed says: the same power as posting articles.
@RequireScope('ingest')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'problem+json, code unauthorized: no or an unknown API key' })
@ApiForbiddenResponse({ description: 'problem+json, code forbidden: the key lacks the ingest scope' })
@Controller('sources')
export class SourcesController {
  constructor(
    private readonly addSource: AddSource,
    private readonly updateSource: UpdateSource,
    private readonly removeSource: RemoveSource,
    private readonly sources: SourcesQuery,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Add an RSS, Atom or JSON Feed to poll; its items are ingested as articles, each once.' })
  @ApiBody({ type: SourceRequestDoc })
  @ApiCreatedResponse({ type: SourceDoc })
  @ApiConflictResponse({ description: 'problem+json, code source-exists (with the existing id)' })
  @ApiUnprocessableEntityResponse({ description: 'problem+json, code invalid-source, url-forbidden or url-unresolvable' })
  create(@Body() body: unknown): Promise<SourceView> {
    return this.addSource.execute(parse(newSourceSchema, body));
  }

  @Get()
  @ApiOperation({ summary: 'Every source with its polling status: last success, last error, items seen and ingested, next poll.' })
  @ApiOkResponse({ type: [SourceDoc] })
  list(): Promise<SourceView[]> {
    return this.sources.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: SourceDoc })
  @ApiNotFoundResponse({ description: 'problem+json, code source-not-found' })
  get(@Param('id') id: string): Promise<SourceView> {
    return this.sources.get(checkId(id, 'source id'));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename it, change its interval, pause or resume it.' })
  @ApiBody({ type: SourcePatchDoc })
  @ApiOkResponse({ type: SourceDoc })
  @ApiNotFoundResponse({ description: 'problem+json, code source-not-found' })
  update(@Param('id') id: string, @Body() body: unknown): Promise<SourceView> {
    return this.updateSource.execute(checkId(id, 'source id'), parse(sourcePatchSchema, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop polling it; the articles already taken from it stay.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'problem+json, code source-not-found' })
  remove(@Param('id') id: string): Promise<void> {
    return this.removeSource.execute(checkId(id, 'source id'));
  }
}
