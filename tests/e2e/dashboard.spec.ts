import { chinaDate } from '../../shared/deadlines/calendar';
import { monthPeriod } from '../../renderer/features/settings/exportPeriod';
import { appClockFromNow } from './clock';
import { expect, test } from './fixtures';
import { FirstRunPage, IntakePage, pickerField, pickerShown } from './pages/app';
import { seriousViolations } from './pages/axe';
import { archiveAtTheCounter } from './pages/sync';

/**
 * The supervisor's statistics dashboard (R8.1/R8.2): this month at first, two cases — one settled
 * at the counter, one still waiting within its acceptance deadline — give 100% on every indicator
 * (the waiting one is not counted yet), with the counts as charts and their tables.
 */
test('a supervisor sees this month’s indicators with their definitions, charts and tables, in zh-CN and en', async ({
  page,
  openApp,
}, testInfo) => {
  test.setTimeout(120_000);
  const now = appClockFromNow();
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'SZ07', name: '深圳驿站', profile: '快递驿站' }, { id: 's07', name: '站长' });
  await archiveAtTheCounter(page, { name: '李四', phone: '13912345678', ref: 'SF1234567890', content: '取件时找不到包裹' });
  await page.getByRole('button', { name: '登记下一件' }).click();
  const intake = new IntakePage(page);
  await intake.typeComplaint({ name: '王五', phone: '13812345678', address: '', ref: 'SF0987654321', content: '派送延误三天' });
  await intake.saveWithKeyboard();
  await expect(intake.caseNumber()).toBeVisible();

  await page.getByRole('tab', { name: '统计分析' }).click();
  await expect(page.getByRole('heading', { name: '统计分析', level: 1 })).toBeVisible();
  const period = monthPeriod(chinaDate(now()).slice(0, 7));
  await expect(pickerShown(pickerField(page, '开始日期'))).toHaveValue(new RegExp(period.from.replaceAll('-', '.')));
  await expect(page.getByRole('status').filter({ hasText: '期间内受理 2 件，办结 1 件' })).toBeVisible();

  const success = page.getByRole('region', { name: '处理成功率' });
  await expect(success.getByTestId('kpi-success')).toHaveText('100%');
  await expect(success).toContainText('1 / 1');
  await expect(success).toContainText('当场办结或最后一次回访为“满意”或“基本满意”');
  await expect(page.getByRole('region', { name: '受理及时率' }).getByTestId('kpi-onTimeAcceptance')).toHaveText('100%');

  const channels = page.getByRole('figure', { name: '按受理渠道' });
  await expect(channels.getByRole('img', { name: '图表：按受理渠道' }).locator('svg').first()).toBeVisible();
  await channels.getByRole('button', { name: '以表格显示' }).click();
  await expect(channels.getByRole('table', { name: '按受理渠道' }).getByRole('row', { name: /上门\s*2/ })).toBeVisible();
  await expect(page.getByRole('figure', { name: '受理与办结件数' }).locator('svg').first()).toBeVisible();
  await expect(page.getByRole('region', { name: '超时未办' })).toContainText('没有超时未办的投诉');
  expect(await seriousViolations(page, { include: 'main' })).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('zh-CN-dashboard.png'), fullPage: true });

  await page.getByRole('combobox', { name: '界面语言', exact: true }).click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(page.getByRole('listbox')).toBeHidden(); // the menu fades out; axe would judge it meanwhile
  await expect(page.getByRole('heading', { name: 'Statistics', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Success rate' })).toContainText('closed with the customer’s answer');
  await expect(page.getByRole('region', { name: 'Customer satisfaction' }).getByTestId('kpi-satisfaction')).toHaveText('100%');
  await page.screenshot({ path: testInfo.outputPath('en-dashboard.png'), fullPage: true });
});
