import { expect } from '@playwright/test';
import { PATHS } from '../../shared/sync/protocol';
import { batchOf, BRANCH, buildCase, Clock, sendTo } from '../hq/fixtures';
import { withRecord } from '../hq/web-fixtures';
import { seriousViolations } from './pages/axe';
import { hqPageTest as test, signIn } from './pages/hq';

/**
 * The HQ page's cases list in real Chromium against a real head office (hq/ on PGlite): sign in,
 * search a Chinese word, open the case; axe-core on each page, screenshots in zh-CN and en to look at.
 */
test('head-office staff search all branches’ cases for a Chinese word and open one, in Chinese and English', async ({
  page,
  openHeadOffice,
}, testInfo) => {
  test.setTimeout(120_000);
  const clock = new Clock();
  const hq = await openHeadOffice(clock.now);
  const hqUrl = await hq.listen();
  const { enrolment } = await hq.enrol({ branch: BRANCH, name: '北京朝阳一店', hqUrl });
  await hq.addUser({ id: 'zhang.min', name: '张敏', role: 'admin' });
  const person = (name: string, phone: string) => ({ name, phone, anonymous: false });
  const appraisal = withRecord(buildCase(), {
    profileId: 'pawnshop',
    channel: 'walk_in',
    category: 'appraisal',
    severity: 'major',
    receivedAt: clock.now() - 3_600_000,
    complainant: person('王小明', '13812345678'),
    content: '当物鉴定估价明显偏低，要求重新鉴定。',
  });
  const fees = withRecord(buildCase(), {
    profileId: 'pawnshop',
    channel: 'phone',
    category: 'fees_interest',
    severity: 'general',
    receivedAt: clock.now() - 7_200_000,
    complainant: person('李四', '13900001111'),
    content: '续当息费计算有误。',
  });
  const batch = batchOf([appraisal, fees]);
  const sent = await sendTo(hqUrl, { path: PATHS.batches, body: batch, requestId: batch.batchId }, () => enrolment.secret, clock.now());
  expect(sent.json).toMatchObject({ results: [{ status: 'accepted' }, { status: 'accepted' }] });

  await page.goto(`${hqUrl}/cases`);
  await signIn(page, 'zhang.min');

  await expect(page.getByRole('heading', { name: '案件', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '案件' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByRole('table', { name: /符合条件的案件/ }).getByRole('row')).toHaveCount(3);
  await page.getByRole('searchbox', { name: '搜索' }).fill('鉴定');
  await page.getByLabel('严重程度').selectOption({ label: '重大' });
  await page.getByRole('button', { name: '查询' }).click();

  await expect(page.getByText('共 1 件。')).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(String(appraisal.record.caseNo)) });
  await expect(row.getByRole('cell')).toHaveText([
    '北京朝阳一店',
    '2026/12/01 09:00',
    '鉴定估价',
    '重大',
    '已归档',
    '—',
    '王小明',
    '13812345678',
    '已核验',
  ]);
  await expect(page.getByRole('searchbox', { name: '搜索' })).toHaveValue('鉴定');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-cases-zh-CN.png'), fullPage: true });

  await page.getByRole('searchbox', { name: '搜索' }).fill('ab');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('alert')).toContainText('搜索：请输入至少一个汉字，或至少三个字母或数字');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-cases-error-zh-CN.png'), fullPage: true });

  await page.goto(`${hqUrl}/cases?text=${encodeURIComponent('鉴定')}&lang=en`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByText('Cases found: 1.')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(String(appraisal.record.caseNo)) }).getByRole('cell')).toHaveText([
    '北京朝阳一店',
    'Dec 1, 2026, 09:00',
    'Appraisal',
    'Major',
    'Archived',
    '—',
    '王小明',
    '13812345678',
    'Verified',
  ]);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-cases-en.png'), fullPage: true });

  await page.getByRole('link', { name: String(appraisal.record.caseNo) }).click();
  await expect(page.getByRole('heading', { name: `Case ${appraisal.record.caseNo}` })).toBeVisible();
  await expect(page.getByText('当物鉴定估价明显偏低，要求重新鉴定。')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
