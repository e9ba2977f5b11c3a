import { describe, expect, it } from 'vitest';
import { languageHref, localPath } from '../../hq/web/paths';

describe('the HQ page’s own paths', () => {
  it('keeps only paths of this site', () => {
    expect(localPath('/cases?branch=BJ01')).toBe('/cases?branch=BJ01');
    for (const other of ['//evil.example/x', '/\\\\evil.example', 'https://evil.example/', 'cases', '/a b', `/${'x'.repeat(500)}`, 1])
      expect(localPath(other), String(other)).toBeUndefined();
  });

  it('leads to the same page in another language, only lang replaced', () => {
    expect(languageHref('/stats', '', 'en')).toBe('/stats?lang=en');
    expect(languageHref('/cases', 'lang=en&branch=BJ01&lang=zh-CN&state=closed&state=invalid', 'zh-TW')).toBe(
      '/cases?lang=zh-TW&branch=BJ01&state=closed&state=invalid',
    );
    expect(languageHref('/cases', 'text=%E5%BF%AB%E9%80%92+%26+x%3D1', 'en')).toBe('/cases?text=%E5%BF%AB%E9%80%92+%26+x%3D1&lang=en');
  });

  it('never leads to another site, whatever path the request had', () => {
    expect(languageHref('//evil.example/cases', 'a=1', 'en')).toBe('/?a=1&lang=en');
    expect(languageHref('/\\evil.example', '', 'en')).toBe('/?lang=en');
  });
});
