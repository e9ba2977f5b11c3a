import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { cssString, escapeHtml, escapeText } from '../../shared/forms/escape';
import { textRuns } from '../../shared/forms/layout';
import { qrSvg } from '../../shared/forms/qr';

describe('escaping', () => {
  it('HTML: markup in a value prints as text', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
    expect(escapeText('a\r\nb\rc')).toBe('a\nb\nc');
  });

  it('CSS strings: quotes, backslashes, line breaks and < cannot end the string or the <style> element', () => {
    expect(cssString('北京一店')).toBe('"北京一店"');
    const hostile = cssString('a"}</style><script>x</script>\\\n');
    expect(hostile.startsWith('"') && hostile.endsWith('"')).toBe(true);
    expect(hostile.slice(1, -1)).not.toMatch(/["<>\n]/);
    expect(hostile).toBe('"a\\22 }\\3c /style\\3e \\3c script\\3e x\\3c /script\\3e \\5c \\a "');
  });
});

describe('QR code', () => {
  it('draws exactly the dark modules of the case number, with a quiet zone', () => {
    const caseNo = 'BJ01-20260302-001';
    const svg = qrSvg(caseNo, 22, 'QR <x>');
    expect(svg).toContain('width="22mm"');
    expect(svg).toContain('aria-label="QR &lt;x&gt;"');
    const { modules } = QRCode.create(caseNo, { errorCorrectionLevel: 'M' });
    const n = modules.size;
    expect(svg).toContain(`viewBox="0 0 ${n + 8} ${n + 8}"`);
    const drawn = new Set<string>();
    for (const m of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      for (let i = 0; i < Number(m[3]); i++) drawn.add(`${Number(m[2]) - 4},${Number(m[1]) - 4 + i}`);
    }
    const dark = new Set<string>();
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (modules.get(r, c)) dark.add(`${r},${c}`);
    expect(drawn).toEqual(dark);
  });
});

describe('text runs for font weights', () => {
  it('separates bold (titles, labels) from regular text', () => {
    const runs = textRuns(
      '<h1>客户投诉登记表</h1><table><thead><tr><th>序号</th></tr></thead><tr><th class="x">投诉内容</th><td>王小明</td></tr></table><strong>举报件</strong>',
    );
    expect(runs.bold).toContain('客户投诉登记表');
    expect(runs.bold).toContain('序号');
    expect(runs.bold).toContain('投诉内容');
    expect(runs.bold).toContain('举报件');
    expect(runs.regular).toContain('王小明');
    expect(runs.regular).not.toContain('投诉内容');
  });
});
