import { randomBytes } from 'node:crypto';
import { configFromEnvOrExit } from './config-from-env';
import { openDatabase } from '../db/connection';
import { createAuditLog } from '../auth/audit';
import { createAuthService } from '../auth/auth.service';
import { createUsersRepository } from '../auth/users.repository';
import { ROLES, type Role } from '../auth/viewer';
import { systemClock } from '../lib/clock';

/**
 * Creates a user from the command line, so the first admin and script users need no browser:
 *   npm run user:add -- --admin anna
 *   npm run user:add -- --role admin --name ci --print-token
 * The password comes from KILDE_PASSWORD, or a random one is generated and printed once.
 */
function parseArgs(argv: string[]): { name: string; role: Role; printToken: boolean } {
  let name = '';
  let role: Role = 'journalist';
  let printToken = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--admin') {
      role = 'admin';
      if (argv[i + 1] && !argv[i + 1].startsWith('--')) name = argv[++i];
    } else if (a === '--role') role = argv[++i] as Role;
    else if (a === '--name') name = argv[++i] ?? '';
    else if (a === '--print-token') printToken = true;
    else if (!a.startsWith('--') && !name) name = a;
    else throw new Error(`unknown argument "${a}"`);
  }
  if (!name) throw new Error('give the user a name: --name NAME (or --admin NAME)');
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  return { name, role, printToken };
}

function main(): void {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`user:add: ${(err as Error).message}\nusage: npm run user:add -- --admin NAME | --role ROLE --name NAME [--print-token]\n`);
    process.exit(2);
  }
  const config = configFromEnvOrExit();
  const db = openDatabase(config.dataDir);
  try {
    const auth = createAuthService({ db, users: createUsersRepository(db), audit: createAuditLog(db, systemClock), clock: systemClock, bcryptCost: config.bcryptCost, sessionDays: config.sessionDays });
    const generated = !process.env.KILDE_PASSWORD;
    const password = process.env.KILDE_PASSWORD ?? randomBytes(12).toString('base64url');
    const user = auth.createUser(null, { username: args.name, role: args.role, password });
    process.stderr.write(`created ${user.role} "${user.username}"${generated ? ` with password: ${password}` : ''}\n`);
    if (args.printToken) process.stdout.write(`${auth.createToken(auth.toViewer(user), 'command line').token}\n`);
  } catch (err) {
    process.stderr.write(`user:add: ${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    db.close();
  }
}

main();
