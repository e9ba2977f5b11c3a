import { expect } from '@playwright/test';
import { PATHS } from '../../shared/sync/protocol';
import { batchOf, BRANCH, buildCase, Clock, grow, sendTo } from '../hq/fixtures';
import { withRecord } from '../hq/web-fixtures';
import { seriousViolations } from './pages/axe';
import { hqPageTest as test, signIn } from './pages/hq';

/**
 * The HQ page in real Chromium against a real head office (hq/ on PGlite, on loopback): sign in,
 * the branches page and a case page in zh-CN and en, axe-core on each, screenshots to look at.
 */
test('head-office staff sign in, see the branches and a case, in Chinese and English, with no serious accessibility violation', async ({
  page,
  openHeadOffice,
}, testInfo) => {
  test.setTimeout(120_000);
  const clock = new Clock();
  const hq = await openHeadOffice(clock.now);
  const hqUrl = await hq.listen();
  const { enrolment } = await hq.enrol({ branch: BRANCH, name: '北京朝阳一店', hqUrl });
  await hq.enrol({ branch: 'SH02', name: '上海静安店', hqUrl });
  await hq.addUser({ id: 'zhang.min', name: '张敏', role: 'admin' });
  const c = withRecord(grow(buildCase(), 1), {
    profileId: 'pawnshop',
    channel: 'walk_in',
    category: 'appraisal',
    severity: 'major',
    businessRef: 'DP-2026-0012',
    receivedAt: clock.now() - 3_600_000,
    complainant: { name: '王小明', phone: '13812345678', anonymous: false },
    content: '当物鉴定估价明显偏低，要求重新鉴定。',
    investigationNotes: [{ at: clock.now() - 1_800_000, by: 'h01', text: '已调取鉴定记录，正在复核。' }],
  });
  const batch = { ...batchOf([c]), appVersion: '0.1.0', waiting: 2 };
  const sent = await sendTo(hqUrl, { path: PATHS.batches, body: batch, requestId: batch.batchId }, () => enrolment.secret, clock.now());
  expect(sent.json).toMatchObject({ results: [{ status: 'accepted' }] });

  await page.goto(`${hqUrl}/branches`);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  expect(await seriousViolations(page)).toEqual([]);
  await signIn(page, 'zhang.min');

  await expect(page.getByRole('heading', { name: '网点', level: 1 })).toBeVisible();
  const row = page.getByRole('row', { name: /北京朝阳一店/ });
  await expect(row.getByRole('cell')).toHaveText(['BJ01', '2026/12/01 10:00', '1', '2', '0.1.0', '正常']);
  await expect(page.getByRole('row', { name: /上海静安店/ })).toContainText('警告：从未联系总部');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-branches-zh-CN.png'), fullPage: true });

  await page.goto(`${hqUrl}/cases/${c.caseId}`);
  await expect(page.getByRole('heading', { name: `投诉 ${c.record.caseNo}` })).toBeVisible();
  await expect(page.getByText('已核验：事件链完整')).toBeVisible();
  await expect(page.getByText('当物鉴定估价明显偏低，要求重新鉴定。')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-case-zh-CN.png'), fullPage: true });

  await page.getByRole('navigation', { name: '界面语言' }).getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: `Case ${c.record.caseNo}` })).toBeVisible();
  await expect(page.getByText('Verified: the event chain is whole')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-case-en.png'), fullPage: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Branches' }).click();
  await expect(page.getByRole('heading', { name: 'Branches', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /北京朝阳一店/ }).getByRole('cell')).toHaveText([
    'BJ01',
    'Dec 1, 2026, 10:00',
    '1',
    '2',
    '0.1.0',
    'OK',
  ]);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-branches-en.png'), fullPage: true });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await page.goto(`${hqUrl}/cases/${c.caseId}`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('王小明')).toHaveCount(0);
});
