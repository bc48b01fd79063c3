import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OutboundGuard, OutboundRefused, ProblemError, RequireScope, type PrismaClient } from '@talkwatch/infra';
import { z } from 'zod';
import { OUTBOUND_GUARD, PRISMA } from '../tokens.js';
import { generateWebhookSecret } from '../delivery/webhook-signature.js';
import { SubscriptionDoc, SubscriptionRequestDoc } from './subscription-docs.js';

const trackIds = z.array(z.string().min(1)).max(100).default([]);
const subscriptionRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('webhook'),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2048)
      .refine((url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url), 'must not carry credentials (user:password@)'),
    secret: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_ followed by at least 24 base64-encoded bytes')
      .optional(),
    trackIds,
  }),
  z.object({ kind: z.literal('email'), email: z.email().max(320), trackIds }),
]);

export interface SubscriptionView {
  id: string;
  kind: string;
  url: string | null;
  email: string | null;
  trackIds: string[];
  active: boolean;
  createdAt: string;
  /** Only in the answer to the POST that created a webhook subscription. */
  secret?: string;
}

@ApiTags('subscriptions')
// Subscriptions show who is alerted where (addresses, URLs): every route needs the admin scope.
@RequireScope('admin')
@ApiBearerAuth()
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(OUTBOUND_GUARD) private readonly outbound: OutboundGuard,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a webhook or an email address to alerts on new rounds and demands.' })
  @ApiBody({ type: SubscriptionRequestDoc })
  @ApiCreatedResponse({ type: SubscriptionDoc })
  async create(@Body() body: unknown): Promise<SubscriptionView> {
    const parsed = subscriptionRequestSchema.safeParse(body);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
      throw new ProblemError(422, 'invalid-subscription', 'The subscription is not valid', errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });
    }
    const request = parsed.data;
    if (request.kind === 'webhook') await this.checkDestination(request.url);
    const id = `sub_${randomUUID()}`;
    const row =
      request.kind === 'webhook'
        ? await this.prisma.subscription.create({
            data: { id, kind: 'webhook', url: request.url, secret: request.secret ?? generateWebhookSecret(), trackIds: request.trackIds },
          })
        : await this.prisma.subscription.create({ data: { id, kind: 'email', email: request.email, trackIds: request.trackIds } });
    return { ...view(row), ...(row.secret ? { secret: row.secret } : {}) };
  }

  /** The SSRF guard, at creation (and again at every send): only public addresses, or allowlisted ones. */
  private async checkDestination(url: string): Promise<void> {
    try {
      await this.outbound.check(url);
    } catch (error) {
      if (!(error instanceof OutboundRefused)) throw error;
      if (error.reason === 'unresolvable') {
        throw new ProblemError(422, 'webhook-url-unresolvable', 'The webhook host does not resolve', 'url: the host name has no address');
      }
      throw new ProblemError(
        422,
        'webhook-url-forbidden',
        'The webhook URL is not allowed',
        'url: Talkwatch only sends to public addresses over http(s), without credentials in the URL (OUTBOUND_ALLOWLIST permits others)',
      );
    }
  }

  @Get()
  @ApiOkResponse({ type: [SubscriptionDoc] })
  async list(): Promise<SubscriptionView[]> {
    const rows = await this.prisma.subscription.findMany({ where: { active: true }, orderBy: { createdAt: 'asc' } });
    return rows.map(view);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id') id: string): Promise<void> {
    const { count } = await this.prisma.subscription.updateMany({ where: { id, active: true }, data: { active: false } });
    if (count === 0) throw new ProblemError(404, 'subscription-not-found', 'No such subscription', id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log of one subscription, newest first.' })
  async deliveries(@Param('id') id: string): Promise<unknown[]> {
    const exists = await this.prisma.subscription.findUnique({ where: { id } });
    if (!exists) throw new ProblemError(404, 'subscription-not-found', 'No such subscription', id);
    const rows = await this.prisma.delivery.findMany({ where: { subscriptionId: id }, orderBy: { createdAt: 'desc' }, take: 200 });
    return rows.map((d) => ({
      id: d.id,
      changeId: d.changeId,
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      nextAttemptAt: d.nextAttemptAt.toISOString(),
    }));
  }
}

function view(row: { id: string; kind: string; url: string | null; email: string | null; trackIds: string[]; active: boolean; createdAt: Date }): SubscriptionView {
  return { id: row.id, kind: row.kind, url: row.url, email: row.email, trackIds: row.trackIds, active: row.active, createdAt: row.createdAt.toISOString() };
}
