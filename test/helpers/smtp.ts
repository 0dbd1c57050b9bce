import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/** A real SMTP server on a free local port (smtp-server), keeping what it accepted, parsed. */
export interface MailServer {
  /** The URL for KILDE_SMTP_URL. */
  url: string;
  mail: ParsedMail[];
  close(): Promise<void>;
}

/**
 * `gate` is asked before each message is taken: an Error refuses it (with its `responseCode`, e.g.
 * 451 "try again later"), a promise holds it until it settles (a slow mail server).
 */
export async function startMailServer(gate: () => Error | Promise<void> | null = () => null): Promise<MailServer> {
  const mail: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const g = gate();
      if (g instanceof Error) {
        stream.resume();
        stream.on('end', () => callback(g));
        return;
      }
      const receive = () => simpleParser(stream).then((m) => { mail.push(m); callback(); }, callback);
      if (g) void g.then(receive);
      else void receive();
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, mail, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}
