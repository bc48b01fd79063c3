// The links in emails, open to whoever holds the email (no API key; the signed token is the proof).
// A GET only shows a page whose button POSTs: link scanners that fetch every URL in a message confirm
// and unsubscribe nothing. The POST of the unsubscribe URL is also the one-click unsubscribe of
// RFC 8058 that mail clients send (body List-Unsubscribe=One-Click; the token is in the URL).
import { applyDecorators, Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiGoneResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AlwaysOpen } from '@talkwatch/infra';
import { linkPage } from '../delivery/email-templates.js';
import { ConfirmEmailSubscription, UnsubscribeByLink } from './email-links.js';

const tokenOf = (token: unknown): string | undefined => (typeof token === 'string' ? token : undefined);
/** An HTML page that runs nothing and posts only to itself; the token in its URL goes nowhere else. */
const HtmlPage = () =>
  applyDecorators(
    Header('content-type', 'text/html; charset=utf-8'),
    Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"),
    Header('referrer-policy', 'no-referrer'),
  );

@ApiTags('email links')
@AlwaysOpen()
@ApiProduces('text/html')
@ApiQuery({ name: 'token', description: 'The signed token of the link in the email' })
@ApiBadRequestResponse({ description: 'problem+json, code invalid-link: the token is missing or not valid for this link' })
@Controller('email')
export class EmailLinksController {
  constructor(
    private readonly confirmation: ConfirmEmailSubscription,
    private readonly unsubscription: UnsubscribeByLink,
  ) {}

  @Get('confirm')
  @HtmlPage()
  @ApiOperation({ summary: 'The page of the confirmation link: a button that confirms the email subscription.' })
  @ApiOkResponse({ description: 'An HTML page with the button' })
  confirmPage(@Query('token') token: unknown): string {
    this.confirmation.check(tokenOf(token));
    return linkPage({
      title: 'Confirm your Talkwatch alerts',
      message: 'Press the button to start receiving the alerts this address was subscribed to.',
      action: `/email/confirm?token=${encodeURIComponent(String(token))}`,
      button: 'Confirm',
    });
  }

  @Post('confirm')
  @HttpCode(200)
  @HtmlPage()
  @ApiOperation({ summary: 'Confirms an email subscription (double opt-in); alerts are sent from now on.' })
  @ApiOkResponse({ description: 'An HTML page saying so' })
  @ApiGoneResponse({ description: 'problem+json, code confirmation-expired: not confirmed in time, or removed' })
  async confirm(@Query('token') token: unknown): Promise<string> {
    await this.confirmation.execute(tokenOf(token));
    return linkPage({ title: 'Subscription confirmed', message: 'Talkwatch will send its alerts to this address. Every alert has a link to unsubscribe.' });
  }

  @Get('unsubscribe')
  @HtmlPage()
  @ApiOperation({ summary: 'The page of the unsubscribe link in every alert email: a button that unsubscribes.' })
  @ApiOkResponse({ description: 'An HTML page with the button' })
  unsubscribePage(@Query('token') token: unknown): string {
    this.unsubscription.check(tokenOf(token));
    return linkPage({
      title: 'Unsubscribe from Talkwatch alerts',
      message: 'Press the button and no more alerts of this subscription will be sent to this address.',
      action: `/email/unsubscribe?token=${encodeURIComponent(String(token))}`,
      button: 'Unsubscribe',
    });
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @HtmlPage()
  @ApiOperation({ summary: 'Unsubscribes (also the one-click unsubscribe of RFC 8058 that mail clients POST); idempotent.' })
  @ApiOkResponse({ description: 'An HTML page saying so' })
  async unsubscribe(@Query('token') token: unknown): Promise<string> {
    await this.unsubscription.execute(tokenOf(token));
    return linkPage({ title: 'Unsubscribed', message: 'No more alerts of this subscription will be sent to this address.' });
  }
}
