import { describe, expect, it } from 'vitest';
import { isFormulaLike, safeCellText } from '../../shared/spreadsheet/safeCell';

describe('safeCellText', () => {
  it.each(['=1+1', '+86 138', '-2', '@SUM(A1)', '\t=x', '\r=x', '=HYPERLINK("http://x","y")'])('neutralises %j', (text) => {
    expect(isFormulaLike(text)).toBe(true);
    expect(safeCellText(text)).toBe(`'${text}`);
  });
  it.each(['王小明', '13800138000', 'a=b', ' =x', ''])('keeps %j as it is', (text) => {
    expect(isFormulaLike(text)).toBe(false);
    expect(safeCellText(text)).toBe(text);
  });
});
