import type { SearchEngine } from '../../search/engine';
import type { LinkAccess } from '../search-pages/link-access';
import type { Db } from '../db/connection';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { createAlertsRepository } from './alerts.repository';
import { alertFeedRoutes, alertRoutes, bellCount } from './alerts.routes';
import { createAlertsService, type RequestEvents } from './alerts.service';
import { createMailer } from './mailer';

/**
 * Saved searches and alerts (in the bell, by e-mail, as an Atom feed). `onIndexed` goes to the
 * search outbox processor; `start()` runs, at once and every `intervalMs`, the retry of alert
 * e-mail still due and the FOI-request and embargo checks.
 */
export type { RequestEvents } from './alerts.service';

export function createAlertsArea(deps: {
  db: Db; engine: SearchEngine; links: LinkAccess; requests: RequestEvents | null; clock: Clock; logger: Logger;
  smtpUrl: string | null; mailFrom: string; publicUrl: string | null; intervalMs: number;
}) {
  const mailer = createMailer({ smtpUrl: deps.smtpUrl, mailFrom: deps.mailFrom });
  const service = createAlertsService({ repo: createAlertsRepository(deps.db), engine: deps.engine, links: deps.links, requests: deps.requests, mailer, clock: deps.clock, logger: deps.logger, publicUrl: deps.publicUrl });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const check = () => {
    running = running
      .then(() => service.retryMail()).catch((err: unknown) => deps.logger.warn('Alert e-mail retry failed', { error: String(err) }))
      .then(() => service.checkRequests()).catch((err: unknown) => deps.logger.warn('FOI alert check failed', { error: String(err) }))
      .then(() => service.checkEmbargoes()).catch((err: unknown) => deps.logger.warn('Embargo alert check failed', { error: String(err) }));
    return running;
  };
  return {
    service,
    routes: () => alertRoutes(service),
    feedRoutes: () => alertFeedRoutes(service),
    /** The bell's count on every page a signed-in viewer sees (mounted ahead of every area's pages). */
    bell: () => bellCount(service),
    mailAvailable: service.mailAvailable,
    onIndexed: (ids: string[]) => service.onIndexed(ids),
    start() {
      void check();
      timer = setInterval(() => void check(), deps.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      await service.closeMail();
      mailer?.close();
    },
  };
}

export type AlertsArea = ReturnType<typeof createAlertsArea>;
