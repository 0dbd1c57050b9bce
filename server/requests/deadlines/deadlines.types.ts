/** What the deadline calculator takes and gives: a request's dates in, its deadlines and their reasons out. */

export interface ClockStop {
  /** `clarification`: the clock starts again when it is answered; `fee`: the days in between do not count. */
  kind: 'clarification' | 'fee';
  /** the day the authority asked (or gave the fees notice). */
  from: string;
  /** the day the clarification or the fee reached the authority; open while missing. */
  to?: string | null;
}

export interface DeadlineInput {
  /** jurisdiction code, e.g. "DK" (the default), "UK", "UK-SCT", "US", "DE", "SE", "NO", "EU". */
  jurisdiction?: string;
  /** the authority's seat, where the rules let it choose the holidays (a German Land: "NW"; an EU institution: "EP"). */
  region?: string;
  /** the day the request was sent (YYYY-MM-DD). */
  sent: string;
  /** the day the authority received it; assumed to be `sent` when missing. */
  received?: string;
  /** US: the day the proper component received it, when the request was routed. */
  routed?: string;
  /** US: expedited processing was asked for. */
  expedited?: boolean;
  clockStops?: ClockStop[];
  /** the authority announced an extension or a delay (in Denmark: a notice under § 36, stk. 2). */
  extended?: boolean;
  /** the day of that notice; without it the notice is taken to have come in time. */
  extendedOn?: string;
  /** the date the authority promised a decision by, in its notice. */
  promised?: string;
  /** the date on the decision letter; appeal deadlines are computed only when it is given. */
  decided?: string;
  /** the day we received the decision; assumed to be `decided` when missing. */
  decisionReceived?: string;
  /** the day our appeal (complaint, review request, confirmatory application) was lodged. */
  appealed?: string;
  /** the date of the appeal body's answer, and the day we received it. */
  appealDecided?: string;
  appealDecisionReceived?: string;
}

export type DeadlineGroup = 'response' | 'extension' | 'escalation' | 'appeal';
export type Awaits = 'decision' | 'answer' | 'appeal' | 'appeal_decision';

export interface Deadline {
  key: string;
  /** English name; `nameDa` is the Danish one for the interface. */
  name: string;
  nameDa?: string;
  date: string;
  /** a sentence saying how the date was reached, e.g. "7 working days from receipt (…)". */
  rule: string;
  /** the same in Danish, when every part of it has Danish words (the rules file's condition may not). */
  ruleDa?: string;
  source: string;
  /** what the date counts from: `received`/`sent` (day 0), or a later event. */
  basis: 'received' | 'sent' | 'decided' | 'appealed' | 'appeal_decided' | 'promised' | 'period_end';
  /** the day the period counts from and what that day is, in words ("the date on the decision letter"). */
  from: { date: string; what: string; whatDa: string };
  /** `statutory`: overdue by law once passed; `guidance`: late by guidance or practice only. */
  binding: 'statutory' | 'guidance';
  group: DeadlineGroup;
  /** the appeal step it belongs to (1 = first appeal). */
  stage: number | null;
  awaits: Awaits;
  confidence: 'confirmed' | 'secondary' | 'unconfirmed';
}

/**
 * What the notice of extension or delay does here:
 * - none: no notice was entered;
 * - lawful: the law allows it and it came in time; the extension deadlines apply;
 * - not_allowed: the law has no extension; the answer deadline stands;
 * - too_late: the notice came after the day it had to come by; the answer deadline stands.
 */
export type ExtensionState = 'none' | 'lawful' | 'not_allowed' | 'too_late';

export interface DeadlineReport {
  jurisdiction: { code: string; name: string; nameDa: string; law: string; citation: string };
  /** the holiday calendar used: the jurisdiction's, or that of the region entered. */
  region: string | null;
  /** day 0 of the request clock: receipt (moved where the rules say so). */
  start: string;
  /** sorted by date; ties keep the order of the rules file. */
  deadlines: Deadline[];
  extension: { state: ExtensionState; explanation: string | null; explanationDa: string | null };
  /** what we assumed about the input, in sentences a journalist can check. */
  assumptions: string[];
  /**
   * `assumptions` in Danish, one for one; null where the sentence carries a rules file's own text that has no Danish.
   * Names (laws, citations, holidays as the calendar library names them) stand as they are written in either language.
   */
  assumptionsDa: Array<string | null>;
  /** duties without a date: act promptly, warn of delays, how to appeal. */
  notes: string[];
  /** `notes` in Danish, one for one, null as in `assumptionsDa`. */
  notesDa: Array<string | null>;
}

/** A report's sentences as they are said: in English, and in Danish where every part of one has Danish. */
export interface Sentences {
  say(en: string, da: string | null): void;
  readonly en: string[];
  readonly da: Array<string | null>;
}

export function sentences(): Sentences {
  const en: string[] = [];
  const da: Array<string | null> = [];
  return {
    en,
    da,
    say(e, d) {
      en.push(e);
      da.push(d);
    },
  };
}
