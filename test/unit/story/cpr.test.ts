import { findCprNumbers } from '../../../server/story/suggestions/detect/cpr';
import { isValidCvr } from '../../../server/story/parties/cvr';

describe('findCprNumbers — Danish personal ID numbers', () => {
  test('a CPR number with a real birth date — found, masked, century from the 7th digit', () => {
    const found = findCprNumbers('Borgerens cpr-nr. 280618-4321 fremgår af sagen.');
    expect(found).toEqual([{ masked: '280618-****', birthDate: '2018-06-28', mod11: expect.any(Boolean), index: 18 }]);
    expect(JSON.stringify(found)).not.toContain('4321');
  });

  test('century rules — serial 0–3 is 1900s, 4/9 split at 36, 5–8 split at 57', () => {
    expect(findCprNumbers('010170-1234')[0].birthDate).toBe('1970-01-01');
    expect(findCprNumbers('010136-4234')[0].birthDate).toBe('2036-01-01');
    expect(findCprNumbers('010137-9234')[0].birthDate).toBe('1937-01-01');
    expect(findCprNumbers('010158-5234')[0].birthDate).toBe('1858-01-01');
    expect(findCprNumbers('010157-5234')[0].birthDate).toBe('2057-01-01');
  });

  test('modulus 11 — reported, not required (numbers since 2007 may fail it)', () => {
    // 070761-4285: 0*4+7*3+0*2+7*7+6*6+1*5+4*4+2*3+8*2+5*1 = 154 = 14*11
    expect(findCprNumbers('070761-4285')).toMatchObject([{ mod11: true }]);
    expect(findCprNumbers('070761-4286')).toMatchObject([{ mod11: false }]);
  });

  test.each([
    ['an impossible date', '320118-1234'],
    ['month 13', '011318-1234'],
    ['29 February in a non-leap year', '290219-1234'],
    ['no hyphen (phone and account numbers)', '2806181234'],
    ['inside a longer number', '12280618-1234'],
    ['followed by more digits', '280618-12345'],
    ['a case number with a slash', '2018/280618-1234'],
  ])('not a CPR number: %s', (_why, text) => {
    expect(findCprNumbers(text)).toEqual([]);
  });
});

describe('isValidCvr — CVR numbers with the modulus-11 check', () => {
  test.each(['10150817', '10 15 08 17', 'DK10150817', 'CVR: 10150817'])('valid: %s', (cvr) => expect(isValidCvr(cvr)).toBe(true));
  test.each(['10150818', '1015081', '01234567', 'abcdefgh', '', '101508170'])('invalid: %s', (cvr) => expect(isValidCvr(cvr)).toBe(false));
});
