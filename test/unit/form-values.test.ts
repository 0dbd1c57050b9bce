import { z } from 'zod';
import { firstValue, givenValue, optionalChoice, pageNumber } from '../../server/http/validate';

/** How every schema reads a query string or form field: one value, a blank one meaning none given. */
describe('form values', () => {
  test('firstValue keeps the first of a repeated field and everything else as it came', () => {
    expect(firstValue(['a', 'b'])).toBe('a');
    expect(firstValue('')).toBe('');
    expect(firstValue(null)).toBeNull();
    expect(firstValue(undefined)).toBeUndefined();
    expect(firstValue(3)).toBe(3);
  });

  test('givenValue reads a blank field, sent alone or first, as not given', () => {
    expect(givenValue('')).toBeUndefined();
    expect(givenValue(['', 'x'])).toBeUndefined();
    expect(givenValue([' ', 'x'])).toBe(' ');
    expect(givenValue(['x', ''])).toBe('x');
    expect(givenValue(null)).toBeNull();
    expect(givenValue(0)).toBe(0);
  });

  test('a blank choice or page number falls back as if the field were left out', () => {
    expect(optionalChoice.parse('')).toBeUndefined();
    expect(optionalChoice.parse(['', 'restricted'])).toBeUndefined();
    expect(optionalChoice.parse('restricted')).toBe('restricted');
    expect(pageNumber.parse('')).toBe(1);
    expect(pageNumber.parse([''])).toBe(1);
    expect(pageNumber.parse(['4', '9'])).toBe(4);
    expect(() => pageNumber.parse('0')).toThrow(z.ZodError);
    expect(() => pageNumber.parse('x')).toThrow(z.ZodError);
  });
});
