import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { en } from '../../shared/i18n/en';
import { zhCN } from '../../shared/i18n/zh-CN';
import { zhTW } from '../../shared/i18n/zh-TW';
import { catalogs, DEFAULT_LOCALE, isLocale, LOCALES, translate } from '../../shared/i18n/translate';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every 'errors.*' / 'missing.*' key written as a whole string literal ('…', "…" or `…` without ${}). */
function referencedKeys(): Map<string, string[]> {
  const refs = new Map<string, string[]>();
  const literal = /(['"`])((?:errors|missing)\.[A-Za-z0-9_.]*[A-Za-z0-9_])\1/g;
  for (const file of [...sourceFiles(join(ROOT, 'shared')), ...sourceFiles(join(ROOT, 'electron/store'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(literal)) {
      const key = m[2]!;
      refs.set(key, [...(refs.get(key) ?? []), relative(ROOT, file)]);
    }
  }
  return refs;
}

const CJK = /[\u3400-\u9fff]/;

describe('catalogs', () => {
  it('the three base catalogs have exactly the same keys', () => {
    const cn = Object.keys(zhCN).sort();
    expect(Object.keys(zhTW).sort()).toEqual(cn);
    expect(Object.keys(en).sort()).toEqual(cn);
  });

  it('the merged catalogs (with the deadline texts) have exactly the same keys', () => {
    const cn = Object.keys(catalogs['zh-CN']).sort();
    for (const locale of LOCALES) expect(Object.keys(catalogs[locale]).sort(), locale).toEqual(cn);
  });

  it('no value is empty or blank', () => {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(catalogs[locale])) {
        expect(typeof value, `${locale} ${key}`).toBe('string');
        expect(value.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('every value uses the same {{placeholders}} in every locale', () => {
    const placeholders = (v: string) => [...new Set([...v.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]))].sort();
    for (const key of Object.keys(catalogs['zh-CN'])) {
      const expected = placeholders(catalogs['zh-CN'][key]!);
      for (const locale of LOCALES) expect(placeholders(catalogs[locale][key]!), `${locale} ${key}`).toEqual(expected);
    }
  });

  it('zh-TW is written in traditional characters: it differs from zh-CN for most entries', () => {
    const keys = Object.keys(catalogs['zh-CN']);
    const differing = keys.filter((k) => catalogs['zh-TW'][k] !== catalogs['zh-CN'][k]);
    expect(differing.length / keys.length).toBeGreaterThan(0.8);
  });

  it('zh-TW does not use common simplified-only characters', () => {
    const simplified = /[这个时间处请还没选择设录须类务户网点据号码联电话单经办审结应该为无认证资员长门决议计钟况导开关复检从与对过发]/;
    const offending = Object.entries(catalogs['zh-TW']).filter(([, v]) => simplified.test(v));
    expect(offending).toEqual([]);
  });

  it('zh-CN and zh-TW are Chinese, en is not', () => {
    const zhWithoutCjk = (locale: 'zh-CN' | 'zh-TW') =>
      Object.entries(catalogs[locale])
        .filter(([, v]) => !CJK.test(v))
        .map(([k]) => k);
    expect(zhWithoutCjk('zh-CN').length).toBeLessThan(5);
    expect(zhWithoutCjk('zh-TW').length).toBeLessThan(5);
    expect(
      Object.entries(catalogs.en)
        .filter(([, v]) => CJK.test(v))
        .map(([k]) => k),
    ).toEqual([]);
  });

  it('isLocale and the default', () => {
    expect(DEFAULT_LOCALE).toBe('zh-CN');
    for (const l of LOCALES) expect(isLocale(l)).toBe(true);
    for (const l of ['zh', 'zh-HK', 'EN', '', null, 1]) expect(isLocale(l)).toBe(false);
  });
});

describe('keys referenced by the code', () => {
  const refs = referencedKeys();

  it('finds the keys (the scan works)', () => {
    expect(refs.size).toBeGreaterThan(30);
    expect(refs.has('errors.workflow.invalidState')).toBe(true);
    expect(refs.has('missing.objection')).toBe(true);
  });

  it.each(LOCALES)('every errors.* / missing.* literal in shared/ and electron/store/ exists in %s', (locale) => {
    const absent = [...refs]
      .filter(([key]) => !(key in catalogs[locale]))
      .map(([key, files]) => `${key} (${[...new Set(files)].join(', ')})`);
    expect(absent).toEqual([]);
  });
});

describe('translate', () => {
  it('interpolates {{max}}', () => {
    expect(translate('zh-CN', 'errors.text.tooLong', { max: 50 })).toBe('不能超过 50 个字');
    expect(translate('zh-TW', 'errors.text.tooLong', { max: 50 })).toContain('50');
    expect(translate('en', 'errors.text.tooLong', { max: 200 })).toContain('200');
    for (const locale of LOCALES) expect(translate(locale, 'errors.text.tooLong', { max: 7 })).not.toContain('{{');
  });

  it('translates a list of keys given as a parameter, joined per locale', () => {
    expect(translate('zh-CN', 'errors.workflow.missing', { fields: 'missing.plan,missing.result' })).toBe(
      `还缺少：${zhCN['missing.plan']}、${zhCN['missing.result']}`,
    );
    const tw = translate('zh-TW', 'errors.workflow.missing', { fields: 'missing.plan,missing.result' });
    expect(tw).toContain(`${zhTW['missing.plan']}、${zhTW['missing.result']}`);
    const english = translate('en', 'errors.workflow.missing', { fields: 'missing.plan,missing.result' });
    expect(english).toContain(`${en['missing.plan']}, ${en['missing.result']}`);
    expect(english).not.toContain('missing.');
  });

  it('translates a single key parameter', () => {
    const text = translate('en', 'errors.workflow.invalidState', { state: 'state.registered', command: 'command.archive' });
    expect(text).toContain(en['state.registered']!);
    expect(text).toContain(en['command.archive']!);
  });

  it('leaves ordinary string parameters alone, even with dots or commas', () => {
    expect(translate('en', 'errors.request.unknownMethod', { method: 'cases.frobnicate' })).toContain('cases.frobnicate');
    expect(translate('en', 'errors.request.unknownMethod', { method: 'a.b,missing.plan' })).toContain('a.b,missing.plan');
  });

  it('every catalog entry translates to itself when it has no parameters', () => {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(catalogs[locale])) {
        if (value.includes('{{') || /_(one|other|zero|two|few|many)$/.test(key)) continue;
        expect(translate(locale, key), `${locale} ${key}`).toBe(value);
      }
    }
  });
});
