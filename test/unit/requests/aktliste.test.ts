import fs from 'node:fs';
import path from 'node:path';
import { readAktliste } from '../../../server/requests/aktliste';
import { getRules } from '../../../server/requests/deadlines';

/**
 * The aktliste reader on three answers written from public examples of Danish access decisions:
 * a ministry's table, a municipality's numbered list and an ESDH export with tabs.
 */
const aktliste = (name: string) => fs.readFileSync(path.join(__dirname, '../../fixtures/aktlister', name), 'utf8');
const dk = getRules('DK').exemptions;
const brief = (text: string) => readAktliste(text, dk).map((l) => [l.number, l.decision, l.bases.join('+'), l.documentDate]);

describe('aktliste reader', () => {
  test('ministry table — six documents — decisions, dates and paragraphs per line', () => {
    const lines = readAktliste(aktliste('ministeriet-tabel.txt'), dk);
    expect(lines.map((l) => [l.number, l.decision, l.bases.join('+'), l.documentDate])).toEqual([
      ['1', 'granted', '', '2018-06-28'],
      ['2', 'refused', 'ofl_24', '2018-06-29'],
      ['3', 'partly', 'ofl_30', '2018-07-02'],
      ['4', 'refused', 'ofl_23', '2018-07-03'],
      ['5', 'granted', '', '2018-07-05'],
      ['6', 'granted', '', '2018-07-09'],
    ]);
    expect(lines[1].title).toBe('Mail fra STAR til departementet');
  });

  test('municipality list — numbered lines in prose — refused under two paragraphs, one not held', () => {
    const lines = readAktliste(aktliste('kommune-liste.txt'), dk);
    expect(lines.map((l) => [l.number, l.decision, l.bases.join('+'), l.documentDate])).toEqual([
      ['1', 'partly', 'ofl_30', '2021-01-04'],
      ['2', 'refused', 'ofl_23', '2021-01-11'],
      ['3', 'granted', '', '2021-01-20'],
      ['4', 'refused', 'ofl_23+ofl_33', '2021-01-25'],
      ['5', 'not_held', 'not_held', '2021-02-02'],
    ]);
    expect(lines[0].title).toBe('Købstilbud af 4. januar 2021 fra Havnens Udvikling A/S');
  });

  test('ESDH export with tabs — header and footer skipped — five documents', () => {
    expect(brief(aktliste('esdh-eksport.txt'))).toEqual([
      ['1', 'granted', '', '2019-09-02'],
      ['2', 'partly', 'ofl_30', '2019-09-10'],
      ['3', 'refused', 'ofl_23', '2019-09-12'],
      ['4', 'refused', 'ofl_27', '2019-09-20'],
      ['5', 'granted', '', '2019-09-25'],
    ]);
  });

  test('a letter without a list — numbered prose and paragraph talk — suggests nothing', () => {
    const text = 'Du har bedt om aktindsigt.\n1. Vi har fundet dokumenterne.\n2. Vi har vurderet dem efter § 23.\nMed venlig hilsen';
    expect(readAktliste(text, dk)).toEqual([]);
  });

  test('a paragraph the rules file does not know — kept as an unknown reference, not guessed', () => {
    const [line] = readAktliste('7\t01.02.2020\tNotat\tUndtaget\t§ 99', dk);
    expect(line).toMatchObject({ decision: 'refused', bases: [], unknownRefs: ['§ 99'] });
  });
});
