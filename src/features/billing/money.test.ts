import { fixedDecimal, minorUnits, trimDecimal, validDecimal } from './money';
import { lastDayOf, monthsDescending, nextMonth, previousMonth, validMonth } from './months';

describe('money helpers (exact decimal strings)', () => {
  it("knows each currency's minor unit", () => {
    expect([minorUnits('EUR'), minorUnits('USD'), minorUnits('GBP'), minorUnits('JPY'), minorUnits('BHD'), minorUnits('KWD')]).toEqual([
      2, 2, 2, 0, 3, 3,
    ]);
  });

  it('validates non-negative decimals with a scale and names the field', () => {
    expect(validDecimal('fee', ' 007.50 ', 4)).toBe('7.50');
    expect(validDecimal('fee', '0', 4)).toBe('0');
    expect(validDecimal('fee', '0.0001', 4)).toBe('0.0001');
    for (const bad of ['', '-1', '1.', '.5', '1e3', '1,5', '0.00001', '12345678901', 'NaN']) {
      expect(() => validDecimal('fee', bad, 4)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'fee' }));
    }
  });

  it('formats amounts with exactly the minor-unit digits, never rounding', () => {
    expect(fixedDecimal('12.3000', 2)).toBe('12.30');
    expect(fixedDecimal('12', 2)).toBe('12.00');
    expect(fixedDecimal('101.0000', 0)).toBe('101');
    expect(fixedDecimal('1.1010', 3)).toBe('1.101');
    expect(() => fixedDecimal('0.005', 2)).toThrow();
    expect(trimDecimal('0.005000', 2)).toBe('0.005');
    expect(trimDecimal('2.5000', 2)).toBe('2.50');
    expect(trimDecimal('3.000000')).toBe('3');
  });

  it('handles months as their first day', () => {
    expect(validMonth('month', '2026-03')).toBe('2026-03-01');
    for (const bad of ['2026-3', '2026-00', '2026-13', '0000-01', '2026-03-01'])
      expect(() => validMonth('month', bad)).toThrow(expect.objectContaining({ field: 'month' }));
    expect([nextMonth('2026-12-01'), previousMonth('2026-01-01'), lastDayOf('2024-02-01'), lastDayOf('2026-02-01')]).toEqual([
      '2027-01-01',
      '2025-12-01',
      '2024-02-29',
      '2026-02-28',
    ]);
    expect(monthsDescending('2026-02-01', '2025-11-01')).toEqual(['2026-02-01', '2026-01-01', '2025-12-01', '2025-11-01']);
  });
});
