import type { Migration } from './index';

/**
 * Alert e-mail that is still to go out survives a mail server being down and a restart: an alert
 * queued for e-mail is marked `email_due` until its message is accepted (`emailed_at`), it can no
 * longer be sent (its reader lost the document, or has no address), or the tries run out
 * (`email_attempts`, server/alerts/alerts.service.ts).
 */
export const m021_alert_mail_queue: Migration = {
  version: 21,
  name: 'alert_mail_queue',
  sql: `
ALTER TABLE alerts ADD COLUMN email_due INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN email_attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX alerts_email_due ON alerts (user_id, id) WHERE email_due = 1;
`,
};
