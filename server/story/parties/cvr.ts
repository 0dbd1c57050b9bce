/**
 * Danish CVR numbers (the central business register): eight digits, the first not 0, with a
 * modulus-11 check over the weights 2,7,6,5,4,3,2,1. A typo in one digit always fails the check,
 * which is why we refuse rather than store a number that cannot be looked up.
 */
const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

export function normaliseCvr(input: string): string {
  return input.replace(/^\s*(?:DK|CVR)[\s:-]*/i, '').replace(/[\s.-]/g, '');
}

export function isValidCvr(input: string): boolean {
  const cvr = normaliseCvr(input);
  if (!/^[1-9]\d{7}$/.test(cvr)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(cvr[i]), 0);
  return sum % 11 === 0;
}
