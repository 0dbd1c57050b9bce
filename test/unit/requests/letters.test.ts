import { fillTemplate, placeholdersOf } from '../../../server/requests/letters/letters.fill';
import { letterValues, periodText } from '../../../server/requests/letters/letters.service';
import { shippedTemplate, type LetterLang } from '../../../server/requests/letters/letters.templates';
import { evaluateDeadlines } from '../../../server/requests/core/requests.deadlines';
import type { RequestView } from '../../../server/requests/core/requests.service';
import type { LetterKind } from '../../../server/requests/core/requests.schema';
import type { RequestStatus, RequestSummary, StatusChange } from '../../../server/requests/core/requests.types';
import { buildRequestSummary, buildStatusChange } from '../../builders';

// The request is the design note's case (test/builders.ts): sent to STAR on Wednesday 27 June 2018, received the 28th.
const change = (to: RequestStatus, date: string, from: RequestStatus | null = null): StatusChange => buildStatusChange(to, date, from);

function viewOf(request: RequestSummary, history: StatusChange[], today: string): RequestView {
  return { request, history, log: [], documents: [], deadlines: evaluateDeadlines(request, history, today), today };
}

function letter(kind: LetterKind, lang: LetterLang, view: RequestView) {
  return fillTemplate(shippedTemplate(kind, lang), letterValues(view, lang, 'Mette Journalist'));
}

describe('letters — filled from the request and the rules file', () => {
  const sent = viewOf(buildRequestSummary(), [change('sent', '2018-06-27')], '2018-07-11');

  test('request letter — Danish — cites offentlighedsloven and the 7 working days of § 36, stk. 2', () => {
    const { subject, body } = letter('request', 'da', sent);
    expect(subject).toBe('Anmodning om aktindsigt: Brevet til KL om cloud-systemer');
    expect(body).toContain('Til Styrelsen for Arbejdsmarked og Rekruttering');
    expect(body).toContain('Jeg anmoder hermed om aktindsigt efter offentlighedsloven (lov nr. 606 af 12. juni 2013');
    expect(body).toContain('Efter offentlighedsloven § 36, stk. 2, skal anmodningen færdigbehandles hurtigst muligt og senest 7 arbejdsdage efter modtagelsen.');
    expect(body).toContain('Alle dokumenter om kommunernes tilslutning til KMD Momentum');
    expect(body).toContain('Min reference: KILDE-2018-7');
    expect(body.trimEnd().endsWith('Mette Journalist')).toBe(true);
    expect(body).not.toMatch(/\{\{|##/);
  });

  test('reminder — Danish — gives the sending, receipt and due dates and the 7 working-day rule', () => {
    const { subject, body } = letter('reminder', 'da', sent);
    expect(subject).toBe('Rykker: anmodning om aktindsigt — Brevet til KL om cloud-systemer');
    expect(body).toContain('Den 27. juni 2018 anmodede jeg om aktindsigt efter offentlighedsloven');
    expect(body).toContain('Efter offentlighedsloven § 36, stk. 2, skal en anmodning om aktindsigt færdigbehandles hurtigst muligt og senest 7 arbejdsdage efter modtagelsen.');
    expect(body).toContain('I modtog anmodningen den 28. juni 2018, så fristen udløb den 9. juli 2018.');
    expect(body).toContain('Er anmodningen ikke afgjort senest den 18. juli 2018, vil jeg klage over sagsbehandlingstiden (offentlighedsloven § 39).');
    expect(body).toContain('Jeres sagsnummer: 18/01234');
  });

  test('reminder — English, to a Danish authority — names the act in English with its Danish name', () => {
    const { body } = letter('reminder', 'en', sent);
    expect(body).toContain('On 27 June 2018 I requested access under the Danish Access to Public Administration Files Act (offentlighedsloven)');
    expect(body).toContain('no later than 7 working days after receipt');
    expect(body).toContain('so the deadline was 9 July 2018');
  });

  test('reminder — no receipt date — counts from the sending date and says so in the letter', () => {
    const view = viewOf(buildRequestSummary({ receivedDate: null, sentDate: '2018-06-28' }), [change('sent', '2018-06-28')], '2018-07-11');
    const { body } = letter('reminder', 'da', view);
    expect(body).toContain('I modtog anmodningen den 28. juni 2018, så fristen udløb den 9. juli 2018.');
  });

  test('reminder — no case number, no reference — leaves those lines out instead of leaving them empty', () => {
    const view = viewOf(buildRequestSummary({ authorityReference: '', ourReference: '' }), [change('sent', '2018-06-27')], '2018-07-11');
    const { body } = letter('reminder', 'da', view);
    expect(body).not.toContain('sagsnummer');
    expect(body).not.toContain('Min reference');
    expect(body).not.toMatch(/\n{3,}/);
  });

  test('reminder — UK request — cites FOIA s.10(1) and 20 working days; no escalation line', () => {
    const view = viewOf(buildRequestSummary({ jurisdiction: 'UK', law: 'Freedom of Information Act 2000', sentDate: '2026-10-12', receivedDate: null }), [change('sent', '2026-10-12')], '2026-11-20');
    const { body } = letter('reminder', 'en', view);
    expect(body).toContain('Under Freedom of Information Act 2000 s.10(1), a request must be answered promptly and no later than 20 working days after receipt.');
    expect(body).toContain('so the deadline was 9 November 2026');
    expect(body).not.toContain('complain about the delay');
  });

  test('appeal — Danish, refused 20 July 2018 — names the decision, its date and §§ 37–38', () => {
    const view = viewOf(buildRequestSummary({ status: 'refused' }), [change('sent', '2018-06-27'), change('refused', '2018-07-20', 'sent')], '2018-07-23');
    const { subject, body } = letter('appeal', 'da', view);
    expect(subject).toBe('Klage over afgørelse om aktindsigt — Brevet til KL om cloud-systemer');
    expect(body).toContain('Den 20. juli 2018 traf I afgørelse om min anmodning om aktindsigt efter offentlighedsloven af 27. juni 2018');
    expect(body).toContain('Afgørelsen: afslået.');
    expect(body).toContain('(offentlighedsloven §§ 37–38)');
    // Denmark has no deadline for the first appeal step, so no deadline line.
    expect(body).not.toContain('Klagefristen');
  });

  test('appeal — after the appeal was decided — goes to the next body, the Ombudsman, with its one-year deadline', () => {
    const history = [change('sent', '2018-06-27'), change('refused', '2018-07-20', 'sent'), change('appealed', '2018-07-25', 'refused'), change('appeal_decided', '2018-09-03', 'appealed')];
    const view = viewOf(buildRequestSummary({ status: 'appeal_decided' }), history, '2018-09-05');
    const { body } = letter('appeal', 'en', view);
    expect(body).toContain('(ombudsmandsloven § 13, stk. 3)');
    expect(body).toContain('the appeal body: Folketingets Ombudsmand');
    expect(body).toContain('The deadline for this appeal is 3 September 2019.');
  });

  test('letters — hostile request text — is inserted literally, never expanded', () => {
    const view = viewOf(buildRequestSummary({ subject: '{{signature}} <script>alert(1)</script>', body: "'; DROP TABLE requests; -- {{today}}" }), [change('sent', '2018-06-27')], '2018-07-11');
    const { subject, body } = letter('request', 'en', view);
    expect(subject).toBe('Request for access to documents: {{signature}} <script>alert(1)</script>');
    expect(body).toContain("'; DROP TABLE requests; -- {{today}}");
  });
});

describe('letters — the template grammar', () => {
  test('fill — comments, the subject line and dropped empty lines', () => {
    const out = fillTemplate('## a comment\nSubject {{a}}\n\nHello {{a}}\nCase: {{b}}\nMixed {{a}} {{b}}\n{{unknown}} stays\n', { a: 'A', b: '' });
    expect(out).toEqual({ subject: 'Subject A', body: 'Hello A\nMixed A \n{{unknown}} stays\n' });
  });

  test('fill — CRLF templates (edited on Windows) — read the same', () => {
    expect(fillTemplate('S {{a}}\r\n\r\nB {{a}}\r\n', { a: 'x' })).toEqual({ subject: 'S x', body: 'B x\n' });
  });

  test('templates — every shipped one — uses only placeholders the letters fill', () => {
    const known = Object.keys(letterValues(viewOf(buildRequestSummary(), [change('sent', '2018-06-27')], '2018-07-11'), 'da', 'x'));
    for (const kind of ['request', 'reminder', 'appeal'] as const) {
      for (const lang of ['da', 'en'] as const) {
        const used = placeholdersOf(shippedTemplate(kind, lang));
        expect(used.filter((p) => !known.includes(p))).toEqual([]);
      }
    }
  });

  test('period — in Danish and English, singular and plural', () => {
    expect(periodText({ amount: 7, unit: 'working_days' }, 'da')).toBe('7 arbejdsdage');
    expect(periodText({ amount: 1, unit: 'months' }, 'da')).toBe('1 måned');
    expect(periodText({ amount: 20, unit: 'working_days' }, 'en')).toBe('20 working days');
    expect(periodText({ amount: 1, unit: 'years' }, 'en')).toBe('1 year');
  });
});
