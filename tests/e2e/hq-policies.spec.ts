import { expect } from '@playwright/test';
import { calendarsSince } from '../../hq/calendar';
import { Clock } from '../hq/fixtures';
import { seriousViolations } from './pages/axe';
import { hqPageTest as test, signIn } from './pages/hq';

/**
 * Head office publishes the general profile's deadline policy on the HQ page in real Chromium against
 * a real head office (PGlite, loopback): a bad time named and kept, then published; axe-core; zh-CN
 * and en screenshots to look at.
 */
test("an administrator publishes a business type's deadline policy on the HQ page; in Chinese and English, accessible", async ({
  page,
  openHeadOffice,
}, testInfo) => {
  test.setTimeout(120_000);
  const clock = new Clock();
  const hq = await openHeadOffice(clock.now);
  const hqUrl = await hq.listen();
  await hq.addUser({ id: 'zhang.min', name: '张敏', role: 'admin' });

  await page.goto(`${hqUrl}/sign-in`);
  await signIn(page, 'zhang.min');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '时限规定' }).click();
  await expect(page.getByRole('heading', { name: '各业务类型的时限规定', level: 1 })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel('处理完毕：时长').first().fill('0');
  await page.getByRole('button', { name: '发布通用的时限规定' }).click();
  await expect(page.getByRole('alert')).toContainText('处理完毕：');
  await expect(page.getByLabel('处理完毕：时长').first()).toHaveValue('0');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-policies-refused-zh-CN.png'), fullPage: true });

  await page.getByLabel('处理完毕：时长').first().fill('5');
  await page.getByRole('button', { name: '发布通用的时限规定' }).click();
  await expect(page.getByRole('status')).toContainText('已发布通用的时限规定');
  const answer = await calendarsSince(hq.db, 0, clock.now());
  expect(answer.policies!.map((p) => [p.profile, p.policy.clocks.find((c) => c.id === 'resolve')!.amount])).toEqual([['general', 5]]);

  await page.goto(`${hqUrl}/policies?lang=en`);
  await expect(page.getByRole('heading', { name: 'Deadline policies by business type', level: 1 })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-policies-en.png'), fullPage: true });
});
