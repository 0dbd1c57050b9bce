import type { AuditLog } from '../../auth/audit';
import { requireRole, type Viewer } from '../../auth/viewer';
import type { Db } from '../../db/connection';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { getRules, type DeadlineRule, type JurisdictionRules, type Period } from '../deadlines';
import { longDate } from '../core/requests.dates';
import type { RequestsService, RequestView } from '../core/requests.service';
import { APPEALABLE, DECISION_STATUSES, STATUS_LABELS } from '../core/requests.status';
import { LETTER_KINDS, type LetterKind } from '../core/requests.schema';
import { fillTemplate, LETTER_PLACEHOLDERS, placeholdersOf, type LetterValues } from './letters.fill';
import { LETTER_LANGS, shippedTemplate, type LetterLang } from './letters.templates';
import type { LetterTemplatesRepository } from './letters.templates.repository';

/**
 * Letters for a request — the request itself, a reminder when the answer is late, an appeal
 * against a decision — filled from the request, its deadlines and the jurisdiction's rules file
 * (citations and periods come from there, never from the templates). The journalist edits the
 * filled text on the page before copying it into an e-mail.
 */
export interface Letter {
  kind: LetterKind;
  lang: LetterLang;
  subject: string;
  body: string;
  /** whose wording: Kilde's shipped template or the newsroom's own. */
  template: 'shipped' | 'newsroom';
  values: LetterValues;
  /**
   * Whom the letter goes to: the request's authority with its e-mail (the mail link's recipient) and
   * postal address (for a letter sent by post). An appeal goes to the authority too: it reconsiders
   * its decision and sends the complaint on to the appeal body. null when the request names none.
   */
  to: LetterRecipient | null;
}

export interface LetterRecipient { partyId: string; name: string; email: string | null; postalAddress: string | null }

const UNITS: Record<LetterLang, Record<Period['unit'], [string, string]>> = {
  da: { working_days: ['arbejdsdag', 'arbejdsdage'], calendar_days: ['dag', 'dage'], weeks: ['uge', 'uger'], months: ['måned', 'måneder'], years: ['år', 'år'] },
  en: { working_days: ['working day', 'working days'], calendar_days: ['calendar day', 'calendar days'], weeks: ['week', 'weeks'], months: ['month', 'months'], years: ['year', 'years'] },
};

export function periodText(p: Period, lang: LetterLang): string {
  return `${p.amount} ${UNITS[lang][p.unit][p.amount === 1 ? 0 : 1]}`;
}

/** The rule a reminder cites: the legal answer period, or a binding extension once extended. */
function answerRule(rules: JurisdictionRules, extended: boolean): DeadlineRule | null {
  const ext = rules.extension.deadlines[0];
  if (extended && ext && ext.binding === 'statutory') return ext;
  return rules.response[rules.response.length - 1] ?? null;
}

/**
 * The refused and partly refused documents of the authority's list (accepted records only), one per
 * line, and the paragraphs to contest — for the appeal letter.
 */
function refusals(view: RequestView, rules: JurisdictionRules, lang: LetterLang): { refusedDocuments: string; contestedParagraphs: string } {
  const rows = (view.exemptions ?? []).filter((e) => e.state === 'accepted' && (e.decision === 'refused' || e.decision === 'partly'));
  const ref = (key: string) => rules.exemptions.find((e) => e.key === key)?.ref ?? key;
  const word = lang === 'da' ? { refused: 'undtaget', partly: 'delvis undtaget' } : { refused: 'refused', partly: 'partly refused' };
  const lines = rows.map((e) => `- ${e.number ? `${e.number}. ` : ''}${e.title}${e.documentDate ? ` (${longDate(e.documentDate, lang)})` : ''}: ${word[e.decision as 'refused' | 'partly']}${e.bases.length ? `, ${e.bases.map(ref).join(', ')}` : ''}`);
  const paragraphs = [...new Set(rows.flatMap((e) => e.bases))].filter((b) => b !== 'not_held').map(ref);
  return { refusedDocuments: lines.length ? `\n${lines.join('\n')}` : '', contestedParagraphs: paragraphs.join(', ') };
}

/** Every value a template may use, for one request in one language. */
export function letterValues(view: RequestView, lang: LetterLang, signature: string): LetterValues {
  const { request: r, history, deadlines } = view;
  const rules = getRules(r.jurisdiction);
  const date = (d: string | null | undefined) => (d ? longDate(d, lang) : '');
  const extended = history.some((h) => h.toStatus === 'extended');
  const rule = answerRule(rules, extended);
  const due = rule ? deadlines.deadlines.find((d) => d.key === rule.key) : undefined;
  const escalation = deadlines.deadlines.find((d) => d.group === 'escalation');
  const escalationRule = escalation ? rules.escalations.find((e) => e.key === escalation.key) : undefined;
  const decisions = history.filter((h) => DECISION_STATUSES.includes(h.toStatus) || h.toStatus === 'appeal_decided');
  const decision = decisions[decisions.length - 1];
  // The next appeal step: one more than the appeals already made after a decision.
  const stage = Math.min(history.filter((h) => h.toStatus === 'appealed').length + 1, Math.max(rules.appeals.length, 1));
  const appeal = rules.appeals.find((a) => a.stage === stage) ?? rules.appeals[0];
  const appealKeys = new Set(appeal?.deadlines.map((d) => d.key) ?? []);
  // Our own deadline at this step (not the appeal body's), the open one first.
  const ours = deadlines.deadlines.filter((d) => appealKeys.has(d.key) && (d.awaits ?? 'appeal') === 'appeal');
  const appealDue = ours.find((d) => d.state === 'due' || d.state === 'overdue') ?? ours[0];
  const isDefaultLaw = r.law.toLowerCase() === (rules.code === 'DK' ? 'offentlighedsloven' : rules.law.name.toLowerCase());
  const law = lang === 'en' && isDefaultLaw && rules.law.nameEn !== rules.law.name ? `${rules.law.nameEn} (${r.law})` : r.law;

  return {
    authority: r.authority?.name ?? '',
    subject: r.subject,
    requestText: r.body.trim(),
    law,
    lawCitation: rules.law.citation,
    responseCitation: rule?.citation ?? '',
    responsePeriod: rule ? periodText(rule.period, lang) : '',
    responseDue: date(due?.date),
    sentDate: date(r.sentDate),
    receivedDate: date(r.receivedDate ?? r.sentDate),
    escalationDate: date(escalation?.date),
    escalationCitation: escalationRule?.citation ?? '',
    decisionDate: date(decision?.date),
    decision: decision ? STATUS_LABELS[decision.toStatus][lang] : '',
    appealBody: appeal?.body ?? '',
    appealCitation: appeal?.citation ?? '',
    appealDue: date(appealDue?.date),
    caseNumber: r.authorityReference,
    ourReference: r.ourReference,
    signature,
    today: date(view.today),
    ...refusals(view, rules, lang),
  };
}

export function createLettersService(deps: {
  db: Db; requests: RequestsService; templates: LetterTemplatesRepository; audit: AuditLog; clock: Clock;
  /** the authority's name and addresses (the parties area); without it a letter has no addresses. */
  recipientOf?: (partyId: string) => Omit<LetterRecipient, 'partyId'> | null;
}) {
  const { db, requests, templates, audit, clock, recipientOf } = deps;

  function recipient(view: RequestView): LetterRecipient | null {
    const a = view.request.authority;
    if (!a) return null;
    let found: Omit<LetterRecipient, 'partyId'> | null = null;
    try { found = recipientOf?.(a.id) ?? null; } catch { found = null; }
    return { partyId: a.id, name: found?.name ?? a.name, email: found?.email ?? null, postalAddress: found?.postalAddress ?? null };
  }

  function templateFor(kind: LetterKind, lang: LetterLang): { text: string; source: Letter['template'] } {
    const own = templates.get(kind, lang);
    return own ? { text: own.body, source: 'newsroom' } : { text: shippedTemplate(kind, lang), source: 'shipped' };
  }

  return {
    letter(viewer: Viewer, requestId: string, kind: LetterKind, lang?: LetterLang): Letter {
      const view = requests.view(viewer, requestId);
      const r = view.request;
      const language: LetterLang = lang ?? (getRules(r.jurisdiction).language === 'da' ? 'da' : 'en');
      if (kind === 'reminder' && (!r.sentDate || r.status === 'draft')) {
        throw AppError.invalid('The request has not been sent yet, so there is nothing to remind the authority of.');
      }
      if (kind === 'appeal' && !APPEALABLE.includes(r.status) && r.status !== 'appealed') {
        throw AppError.invalid(`There is no decision to appeal: the request is ${STATUS_LABELS[r.status].en}.`);
      }
      const values = letterValues(view, language, viewer.name);
      const t = templateFor(kind, language);
      return { kind, lang: language, ...fillTemplate(t.text, values, LETTER_PLACEHOLDERS), template: t.source, values, to: recipient(view) };
    },

    templates() {
      return LETTER_KINDS.flatMap((kind) => LETTER_LANGS.map((lang) => {
        const t = templateFor(kind, lang);
        return { kind, lang, body: t.text, source: t.source, shipped: shippedTemplate(kind, lang), placeholders: placeholdersOf(shippedTemplate(kind, lang)) };
      }));
    },

    /** The newsroom's own wording; editors and admins only, as it speaks for everyone. */
    saveTemplate(viewer: Viewer, kind: LetterKind, lang: LetterLang, body: string): void {
      requireRole(viewer, 'admin', 'editor');
      db.transaction(() => {
        const before = templates.get(kind, lang);
        templates.set(kind, lang, body, viewer.userId, clock.now().toISOString());
        audit.record(viewer, { action: 'update', entityType: 'letter_template', entityId: `${kind}.${lang}`, before: before?.body ?? null, after: body });
      })();
    },

    resetTemplate(viewer: Viewer, kind: LetterKind, lang: LetterLang): void {
      requireRole(viewer, 'admin', 'editor');
      db.transaction(() => {
        const before = templates.get(kind, lang);
        if (!before) return;
        templates.remove(kind, lang);
        audit.record(viewer, { action: 'delete', entityType: 'letter_template', entityId: `${kind}.${lang}`, before: before.body });
      })();
    },
  };
}

export type LettersService = ReturnType<typeof createLettersService>;
