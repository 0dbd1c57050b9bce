import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../auth/viewer';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { openArchive } from '../ops/archive';
import { configOrUsageError, parseCommandArgs, UsageError, type Command } from './command';

/**
 * Creates a user from the command line, so the first admin and script users need no browser.
 * The password comes from KILDE_PASSWORD, or a random one is generated and printed once.
 */
export const userAddCommand: Command = {
  usage: [
    'usage: kilde user:add --admin NAME',
    '       kilde user:add --name NAME [--role journalist|editor|researcher|admin] [--print-token]',
    '',
    'Creates a user in the archive of KILDE_DATA_DIR (the server may be running). The password is',
    'KILDE_PASSWORD, or a random one printed once on stderr. --print-token prints an API token for',
    'scripts on stdout (send it as "Authorization: Bearer TOKEN").',
    '',
    `roles: ${ROLES.join(', ')} (default journalist)`,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { admin: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, 'print-token': { type: 'boolean' } },
      true,
    );
    const name = values.admin ?? values.name ?? positionals[0];
    if (!name) throw new UsageError('give the user a name: --name NAME (or --admin NAME)');
    if (positionals.length > (values.admin ?? values.name ? 0 : 1)) throw new UsageError(`unexpected argument "${positionals.at(-1)}"`);
    const role = (values.admin ? 'admin' : (values.role ?? 'journalist')) as Role;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);

    const config = configOrUsageError(io.env);
    const archive = openArchive(config, { logger: createLogger('warn', (line) => io.err(`${line}\n`)), clock: systemClock });
    try {
      const { auth } = archive;
      const generated = !io.env.KILDE_PASSWORD;
      const password = io.env.KILDE_PASSWORD ?? randomBytes(12).toString('base64url');
      const user = auth.createUser(null, { username: name, role, password });
      io.err(`created ${user.role} "${user.username}"${generated ? ` with password: ${password}` : ''}\n`);
      if (values['print-token']) io.out(`${auth.createToken(auth.toViewer(user), 'command line').token}\n`);
      return 0;
    } finally {
      archive.close();
    }
  },
};
