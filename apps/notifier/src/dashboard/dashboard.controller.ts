// The web dashboard (apps/dashboard, built by `npm run build`) as static files on the API's port.
// Only the dashboard's own paths answer here, so every other unknown path stays a problem+json 404.
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AlwaysOpen, ProblemError, sendProblem, toProblem } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';

/** The client-side routes of the dashboard: each is the same page, which reads its path. */
export const dashboardPages = ['', 'tracks/:id', 'changes', 'operator'];

// Scripts, styles and data only from this origin: the page never runs or loads anything else.
const contentSecurityPolicy = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

@ApiExcludeController()
// The page holds no data; what it fetches (GET /talks...) follows PUBLIC_READ like any client.
@AlwaysOpen()
@Controller()
export class DashboardController {
  constructor(@Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig) {}

  @Get(dashboardPages)
  page(@Res() response: Response): void {
    // The page names its hashed assets: it must be fetched again after every build.
    this.send(response, 'index.html', '', { 'Cache-Control': 'no-cache' });
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    // Vite puts a content hash in every asset's name, so an asset never changes.
    this.send(response, file, 'assets', { 'Cache-Control': 'public, max-age=31536000, immutable' });
  }

  private send(response: Response, file: string, folder: string, headers: Record<string, string>): void {
    response.set({ ...headers, 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    // `root` confines the file to the folder (no `..`); dotfiles are refused.
    response.sendFile(file, { root: `${this.config.dashboard.directory}/${folder}`, dotfiles: 'deny', cacheControl: false, lastModified: true }, (error?: Error) => {
      if (!error || response.headersSent) return;
      const notBuilt = file === 'index.html';
      const problem = notBuilt
        ? new ProblemError(404, 'dashboard-not-built', 'The dashboard is not built', `No ${file} in ${this.config.dashboard.directory}: run npm run build (or set DASHBOARD_DIR).`)
        : new ProblemError(404, 'not-found', 'Not found', `No dashboard asset ${file}.`);
      response.removeHeader('Cache-Control');
      sendProblem(response, { ...toProblem(problem), instance: response.req.originalUrl });
    });
  }
}
