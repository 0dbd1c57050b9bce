import { isRealDay } from '../../../lib/dates';

/**
 * Danish CPR numbers (personal identity numbers), written DDMMYY-XXXX. The date part must be a real
 * birth date, with the century given by the seventh digit as the CPR office defines it. The
 * modulus-11 check is reported but not required: numbers issued since 2007 may fail it. We never
 * keep the full number: only a masked form ("280618-****") leaves this module, so the suggestion
 * that flags personal data does not become another copy of it.
 */
export interface FoundCpr {
  masked: string;
  birthDate: string;
  /** Whether the old modulus-11 check passes (true for most numbers issued before 2007). */
  mod11: boolean;
  index: number;
}

// A hyphen (or an en dash from word processors) is required: ten bare digits are too often phone,
// account or case numbers.
const CPR = /(?<![\p{L}\p{N}/.-])(\d{2})(\d{2})(\d{2})[-\u2010\u2011\u2013](\d{4})(?![\p{L}\p{N}]|[/.-]\p{N})/gu;
const WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

export function findCprNumbers(text: string): FoundCpr[] {
  const out: FoundCpr[] = [];
  CPR.lastIndex = 0;
  for (let m = CPR.exec(text); m; m = CPR.exec(text)) {
    const [, dd, mm, yy, serial] = m;
    const year = century(Number(yy), Number(serial[0])) + Number(yy);
    if (!isRealDay(year, Number(mm), Number(dd))) continue;
    const digits = `${dd}${mm}${yy}${serial}`;
    const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
    out.push({ masked: `${dd}${mm}${yy}-****`, birthDate: `${year}-${mm}-${dd}`, mod11: sum % 11 === 0, index: m.index });
  }
  return out;
}

// Wider than CPR above, on purpose: for text we keep (the context shown beside a suggestion), any
// DDMMYY-XXXX with a possible day and month is masked — also with a space or no separator, and
// whatever the real-day and modulus checks say. A masked phone number costs nothing; a kept CPR does.
const CPR_LIKE = /(?<![\p{N}])((?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2})([-\u2010\u2011\u2012\u2013\u2014 ]?)(\d{4})(?!\p{N})/gu;

/**
 * The text with every CPR-like number's last four digits replaced by `****` ("280618-****"). The
 * length does not change, so an index found in the original text points at the same place here.
 */
export function maskCprNumbers(text: string): string {
  return text.replace(CPR_LIKE, (_whole, date: string, sep: string) => `${date}${sep}****`);
}

/** The century of a CPR birth year from the first digit of the serial (CPR office rules). */
function century(yy: number, d7: number): number {
  if (d7 <= 3) return 1900;
  if (d7 === 4 || d7 === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}
