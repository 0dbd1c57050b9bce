import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ERROR_MESSAGES, ERROR_NOUNS, localiseError, skeletonOf } from '../../server/i18n/messages.errors';

/**
 * Every message a service or a schema can show a user has a Danish text. The scanner parses the
 * source of server/ and search/ with the TypeScript compiler and reads the messages handed to
 * AppError (the constructor, `invalid`, `notFound`'s noun) and the custom messages of zod schemas;
 * a template literal becomes a pattern with `{}` for each `${…}`. A message built wholly from a
 * variable cannot be read from the source: those places are listed below with what they show, so
 * a new one fails until someone looks at it.
 */
const ROOT = path.resolve(__dirname, '../..');

type Kind = 'message' | 'noun';
interface Found { where: string; kind: Kind; skeleton: string }
interface Dynamic { where: string; expr: string }

/**
 * The texts an expression can have, as skeletons: a literal is itself, a template has `{}` for
 * each `${…}`, `+` joins its sides, a conditional gives both branches; anything else is `{}`.
 */
function textsOf(e: ts.Expression): string[] {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isTemplateExpression(e)) return [e.head.text + e.templateSpans.map((s) => `{}${s.literal.text}`).join('')];
  if (ts.isConditionalExpression(e)) return [...textsOf(e.whenTrue), ...textsOf(e.whenFalse)];
  if (ts.isParenthesizedExpression(e)) return textsOf(e.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return textsOf(e.left).flatMap((l) => textsOf(e.right).map((r) => l + r));
  }
  return ['{}'];
}

/** A text that says something: not empty and not made only of `{}` placeholders. */
const meaningful = (s: string) => s.replace(/\{\}/g, '').trim() !== '';

type Call = [index: number, kind: Kind];
/** The calls that take a message (or the noun of "… was not found."): which argument, and what it is. */
const APP_ERROR_CALLS = new Map<string, Call>([
  ['new AppError', [1, 'message']],
  ['AppError.invalid', [0, 'message']],
  ['AppError.notFound', [0, 'noun']],
]);
/** In a file that uses zod: a check's custom message, and the shared fields that name what they hold. */
const ZOD_CALLS = new Map<string, Call>([
  ...['min', 'max', 'length', 'regex', 'refine', 'gte', 'lte', 'gt', 'lt', 'startsWith', 'endsWith', 'includes'].map((m): [string, Call] => [`.${m}`, [1, 'message']]),
  ...['int', 'nonempty', 'email', 'url', 'uuid', 'positive', 'nonnegative'].map((m): [string, Call] => [`.${m}`, [0, 'message']]),
  ['embargoInstant', [0, 'message']],
  ['requiredText', [1, 'noun']],
  ['optionalText', [1, 'noun']],
]);

/** `new AppError`, `AppError.invalid`, `.min` (a method of anything else), `requiredText` (a plain function). */
function calleeOf(node: ts.Node): string | undefined {
  if (ts.isNewExpression(node)) return `new ${node.expression.getText()}`;
  if (!ts.isCallExpression(node)) return undefined;
  const c = node.expression;
  if (ts.isIdentifier(c)) return c.text;
  if (!ts.isPropertyAccessExpression(c)) return undefined;
  return ts.isIdentifier(c.expression) && c.expression.text === 'AppError' ? `AppError.${c.name.text}` : `.${c.name.text}`;
}

/** The innermost function that has a parameter `id`: its name (if it has one) and the parameter. */
function parameterOf(id: ts.Identifier): { name?: string; index: number; param: ts.ParameterDeclaration } | undefined {
  for (let n: ts.Node = id.parent; !ts.isSourceFile(n); n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const index = n.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
    if (index < 0) continue;
    const name = n.name ?? (ts.isVariableDeclaration(n.parent) ? n.parent.name : undefined);
    return { name: name && ts.isIdentifier(name) ? name.text : undefined, index, param: n.parameters[index] };
  }
  return undefined;
}

/** Scans one source text; `where` names it in the findings. */
function scanSource(where: string, text: string): { found: Found[]; dynamic: Dynamic[] } {
  const sf = ts.createSourceFile(where, text, ts.ScriptTarget.Latest, true);
  const usesZod = sf.statements.some((s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === 'zod');
  const found: Found[] = [];
  const dynamic: Dynamic[] = [];
  const at = (n: ts.Node) => `${where}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  /** Records the texts of `e`; false when it has none that says something. */
  const read = (e: ts.Expression, kind: Kind) => {
    const texts = textsOf(e).filter(meaningful);
    for (const skeleton of texts) found.push({ where: at(e), kind, skeleton });
    return texts.length > 0;
  };
  const calls: ts.CallExpression[] = [];
  const wrappers = new Map<ts.ParameterDeclaration, { name: string; index: number; kind: Kind }>();

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) calls.push(node);
    const callee = calleeOf(node) ?? '';
    const call = APP_ERROR_CALLS.get(callee) ?? (usesZod ? ZOD_CALLS.get(callee) : undefined);
    const arg = call && (node as ts.CallExpression | ts.NewExpression).arguments?.[call[0]];
    // A check's message place may hold a value that is not a message (`.max(a, b)`): only AppError's must be read.
    if (call && arg && !read(arg, call[1]) && APP_ERROR_CALLS.has(callee)) {
      // A parameter of a small helper (`const noImage = (message = '…') => new AppError(…, message)`):
      // its default and what its callers in this file hand over are read instead.
      const p = ts.isIdentifier(arg) ? parameterOf(arg) : undefined;
      if (p?.name) wrappers.set(p.param, { name: p.name, index: p.index, kind: call[1] });
      else dynamic.push({ where: at(arg), expr: arg.getText() });
    }
    // zod: `{ message: '…' }`, `{ error: '…' }`, `{ error: () => '…' }`, and a default `message = '…'`.
    if (usesZod && (ts.isPropertyAssignment(node) || ts.isParameter(node)) && node.initializer && /^(message|error)$/.test(node.name.getText())) {
      const value = node.initializer;
      read(ts.isArrowFunction(value) && !ts.isBlock(value.body) ? value.body : value, 'message');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);

  for (const [param, w] of wrappers) {
    if (param.initializer) read(param.initializer, w.kind);
    for (const c of calls) {
      const arg = c.arguments[w.index];
      if (!ts.isIdentifier(c.expression) || c.expression.text !== w.name || !arg) continue;
      if (!read(arg, w.kind)) dynamic.push({ where: at(arg), expr: `${w.name}(…${arg.getText()})` });
    }
  }
  return { found, dynamic };
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p.endsWith(path.join('server', 'i18n')) ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function scanTree() {
  const found: Found[] = [];
  const dynamic: Dynamic[] = [];
  for (const file of [...sourceFiles(path.join(ROOT, 'server')), ...sourceFiles(path.join(ROOT, 'search'))]) {
    const r = scanSource(path.relative(ROOT, file).split(path.sep).join('/'), fs.readFileSync(file, 'utf8'));
    found.push(...r.found);
    dynamic.push(...r.dynamic);
  }
  return { found, dynamic };
}

/**
 * Messages that are a variable, by the expression that holds them, with where their text comes
 * from. Keyed by the expression alone, so that moving a file does not fail this test.
 */
const DYNAMIC: Record<string, string> = {
  'outcome.reason': 'ingest refusal reasons (server/ingest): shown in English, marked so',
  '`${where}${first?.message ?? \'invalid input\'}`': 'the error handler: a zod message behind its field, each translated on its own',
  '`${why}${instead}`': 'requests.status.ts: composed from two sentences, in the table as patterns',
};

/** Nouns handed to a helper's `what` from another file (links.service → guards.document, events.get). */
const EXTRA_NOUNS = ['This event link', 'The other document'];

describe('error messages — the scanner', () => {
  test('a sample source — finds literal, templated, conditional and zod messages, and flags a variable', () => {
    const sample = [
      "import { z } from 'zod';",
      "const a = () => { throw new AppError('conflict', 'That username is taken.'); };",
      "const b = (n: number) => AppError.invalid(`Only ${n} (of ${fmt(n, ')')}) may go.`, { n });",
      "const c = (x: boolean) => AppError.invalid(x ? 'First, (with a paren).' : \"Second.\");",
      "const d = AppError.notFound('This story');",
      "const e = z.string().regex(/^[a-z'(]+$/, 'lower-case letters only').max(10, `at most ${10} letters`);",
      "const f = z.enum(['a', 'b'], { error: () => `kind must be one of: ${['a'].join(', ')}` });",
      "const g = z.object({}).refine((v) => !!v, { message: 'Give one.', path: ['x'] });",
      "function h(message = 'a default message') { return message; }",
      "const i = (why: string) => new AppError('bad_request', why); // 'not this'",
      "const j = Math.max(1, 2);",
      "const k = [i('Wrapped message.'), x.i('not a call of i')];",
      "function l(e: Error) { throw new AppError('internal', e.message); }",
      "const m = (k: string) => AppError.invalid(k === 'story' ? 'Not ' + 'a story.' : 'Not a ' + k + '.');",
    ].join('\n');
    const { found, dynamic } = scanSource('sample.ts', sample);
    expect(found.map((f) => `${f.kind}: ${f.skeleton}`).sort()).toEqual([
      'message: First, (with a paren).',
      'message: Give one.',
      'message: Not a story.',
      'message: Not a {}.',
      'message: Only {} (of {}) may go.',
      'message: Second.',
      'message: That username is taken.',
      'message: Wrapped message.',
      'message: a default message',
      'message: at most {} letters',
      'message: kind must be one of: {}',
      'message: lower-case letters only',
      'noun: This story',
    ]);
    expect(dynamic).toEqual([{ where: 'sample.ts:13', expr: 'e.message' }]);
    expect(found.find((f) => f.skeleton === 'That username is taken.')?.where).toBe('sample.ts:2');
  });

  test('the tree — the scanner finds what a grep for AppError finds, and more', () => {
    const { found } = scanTree();
    // A floor, so that a broken scanner that finds nothing cannot pass the test below.
    expect(found.filter((f) => f.kind === 'message').length).toBeGreaterThan(200);
    expect(found.filter((f) => f.kind === 'noun').length).toBeGreaterThan(50);
    expect(found.some((f) => f.skeleton === '{}: there is no month {}.')).toBe(true);
    expect(found.some((f) => f.skeleton === 'cvr must be 8 digits that pass the CVR modulus-11 check')).toBe(true);
    // Through helpers: a default and the literals callers in the same file hand over.
    expect(found.some((f) => f.kind === 'noun' && f.skeleton === 'This clock stop')).toBe(true);
    expect(found.some((f) => f.kind === 'noun' && f.skeleton === 'This event')).toBe(true);
    expect(found.some((f) => f.skeleton === 'This page could not be drawn. {}')).toBe(true);
  });
});

describe('error messages — every one in Danish', () => {
  const { found, dynamic } = scanTree();
  const known = new Set(Object.keys(ERROR_MESSAGES).map(skeletonOf));

  test('every literal message of a service or schema — has a Danish text', () => {
    // A template must have its own pattern; a plain text may also be met by a pattern ("sent must be a date …").
    const translated = (f: Found) => known.has(f.skeleton) || (!f.skeleton.includes('{}') && localiseError('da', f.skeleton).lang === 'da');
    const missing = [...new Set(found.filter((f) => f.kind === 'message' && !translated(f)).map((f) => `${f.where}: ${f.skeleton}`))];
    expect(missing).toEqual([]);
  });

  test('every noun a "not found" names — has a Danish form', () => {
    const nouns = [...found.filter((f) => f.kind === 'noun').map((f) => f.skeleton), ...EXTRA_NOUNS];
    const missing = [...new Set(nouns.filter((n) => !ERROR_NOUNS[n]))];
    expect(missing).toEqual([]);
  });

  test('every message made from a variable — is listed with where its text comes from', () => {
    const unlisted = dynamic.filter((d) => !DYNAMIC[d.expr]).map((d) => `${d.where}: ${d.expr}`);
    expect(unlisted).toEqual([]);
    // …and the list holds nothing the source no longer has.
    const seen = new Set(dynamic.map((d) => d.expr));
    expect(Object.keys(DYNAMIC).filter((k) => !seen.has(k))).toEqual([]);
  });

  test('each Danish text — keeps the placeholders of its English text (a plural ending or verb may go)', () => {
    const names = (s: string) => new Set([...s.matchAll(/\{(\w*)\}/g)].map((m) => m[1]));
    const broken = Object.entries(ERROR_MESSAGES).filter(([en, da]) => {
      const [e, d] = [names(en), names(da)];
      return !da.trim() || [...d].some((n) => !e.has(n)) || [...e].some((n) => !d.has(n) && n !== 's' && n !== 'verb');
    });
    expect(broken).toEqual([]);
  });
});

describe('error messages — translating', () => {
  test('a plain message — Danish for da, itself for en', () => {
    expect(localiseError('da', 'That username is taken.')).toEqual({ text: 'Brugernavnet er optaget.', lang: 'da' });
    expect(localiseError('en', 'That username is taken.')).toEqual({ text: 'That username is taken.', lang: 'en' });
  });

  test('a "not found" — the noun translated too', () => {
    expect(localiseError('da', 'This document was not found.').text).toBe('Dokumentet blev ikke fundet.');
    expect(localiseError('da', 'The parent party was not found.').text).toBe('Den overordnede part blev ikke fundet.');
  });

  test('a templated message — the values kept', () => {
    expect(localiseError('da', 'date 2099-01-01 is in the future; record the change on the day it happens.').text)
      .toBe('date 2099-01-01 ligger i fremtiden; registrér ændringen den dag, den sker.');
  });

  test('a zod message behind its field — the field kept, the message translated', () => {
    expect(localiseError('da', 'title: title is longer than 500 characters').text).toBe('title: title er længere end 500 tegn');
    expect(localiseError('da', 'username: Too big: expected string to have <=64 characters').text).toBe('username: For lang: højst 64 tegn');
  });

  test('messages put together from parts — status labels, dates as the deadline rules write them, plural tails', () => {
    expect(localiseError('da', 'A request cannot go from "draft" (draft) to "partly granted" (partly_granted). From "draft" (draft) it can go to: sent, withdrawn.').text)
      .toBe('En anmodning kan ikke gå fra "kladde" (draft) til "delvist imødekommet" (partly_granted). Fra "kladde" (draft) kan den gå til: sent, withdrawn.');
    expect(localiseError('da', 'The request cannot have been received (Monday 2 July 2018) before it was sent (Thursday 28 June 2018).').text)
      .toBe('Anmodningen kan ikke være modtaget (mandag 2. juli 2018), før den blev sendt (torsdag 28. juni 2018).');
    expect(localiseError('da', 'The date the request was sent, 2018-13-01, has no month 13.').text).toBe('Den dato, anmodningen blev sendt, 2018-13-01, har ingen måned 13.');
    expect(localiseError('da', 'bases: ofl_1, ofl_2 are not a legal basis of offentlighedsloven. Use: ofl_30.').text).toBe('bases: ofl_1, ofl_2 er ikke hjemmel i offentlighedsloven. Brug: ofl_30.');
    expect(localiseError('da', 'This document has 2 unreviewed CPR numbers (page 1, 3): confirm each one before sharing it publicly.').text).toContain('(side 1, 3): bekræft');
    expect(localiseError('da', 'This search cannot be saved: the query is longer than 1,000 characters.').text).toBe('Søgningen kan ikke gemmes: søgningen er længere end 1.000 tegn.');
    expect(localiseError('da', 'feeTo: give feeFrom, the day of the fees notice too.').text).toBe('feeTo: angiv også feeFrom, dagen for meddelelsen om gebyr.');
  });

  test('a field named by its API name where a noun may stand — the field kept, the sentence Danish', () => {
    expect(localiseError('da', 'subject is longer than 500 characters').text).toBe('subject er længere end 500 tegn');
    expect(localiseError('da', 'the notes is longer than 20000 characters').text).toBe('noterne er længere end 20000 tegn');
  });

  test('a "not found" of a thing the table does not know — the whole message stays English', () => {
    expect(localiseError('da', 'This widget was not found.')).toEqual({ text: 'This widget was not found.', lang: 'en' });
  });

  test('a message with no translation — English, marked as English', () => {
    expect(localiseError('da', 'Something nobody wrote down.')).toEqual({ text: 'Something nobody wrote down.', lang: 'en' });
  });

  test('every table entry — translates a sample of itself', () => {
    const bad: string[] = [];
    for (const [en, da] of Object.entries(ERROR_MESSAGES)) {
      const SAMPLES: Record<string, string> = { what: 'This document', action: 'delete', state: 'accepted', s: 's', verb: 'are' };
      const sample = en.replace(/\{(\w*)\}/g, (_, name: string) => SAMPLES[name] ?? `V${name}7`);
      const out = localiseError('da', sample);
      if (out.lang !== 'da') bad.push(`${en} → no translation`);
    }
    expect(bad).toEqual([]);
  });
});
