import { expect, test } from './fixtures';
import { appNow } from './clock';
import { chinaDate, dateOfDayIndex, dayIndexOfDate } from '../../shared/deadlines/calendar';
import { CasePage, fillPicker, FirstRunPage, IntakePage, pickerField, pickerShown, QueuesPage } from './pages/app';

test('queues and filters: unassigned, mine, category, business reference', async ({ page, openApp }) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'CD11', name: '成都十一店', profile: '典当行' }, { id: 's11', name: '主管' });
  const intake = new IntakePage(page);
  const saved: string[] = [];
  for (const [name, ref] of [
    ['甲', 'DP-A'],
    ['乙', 'DP-B'],
    ['丙', 'DP-C'],
  ] as const) {
    await intake.typeComplaint({ name, phone: '13812345678', address: '', ref, content: `${name}的投诉` });
    await intake.saveWithKeyboard();
    saved.push((await intake.caseNumber().textContent())!);
    await page.getByRole('button', { name: '登记下一件' }).click();
  }
  const queues = new QueuesPage(page);
  await queues.open();
  const c = new CasePage(page);
  await c.openFromList(saved[0]!);
  await c.act('分派', { 责任部门: '鉴定部', 经办人工号: 's11' });
  await page.getByRole('button', { name: '返回列表' }).click();

  const status = page.getByRole('status').filter({ hasText: '共' });
  await expect(status).toHaveText('共 3 件');
  await page.getByRole('tab', { name: '未分派' }).click();
  await expect(status).toHaveText('共 2 件');
  await page.getByRole('tab', { name: '我的' }).click();
  await expect(status).toHaveText('共 1 件');
  await expect(queues.row(saved[0]!)).toBeVisible();
  await page.getByRole('tab', { name: '全部', exact: true }).click();
  await page.getByLabel('当票号').fill('DP-B');
  await expect(status).toHaveText('共 1 件');
  await expect(queues.row(saved[1]!)).toBeVisible();
  await page.getByLabel('当票号').fill('');
  // Received dates are China calendar days, picked in the screen's language.
  const today = chinaDate(await appNow(page));
  const tomorrow = dateOfDayIndex(dayIndexOfDate(today) + 1);
  await fillPicker(pickerField(page, '受理日期起'), today);
  await expect(pickerShown(pickerField(page, '受理日期起'))).toHaveValue(today.replaceAll('-', '/'));
  await expect(status).toHaveText('共 3 件');
  await fillPicker(pickerField(page, '受理日期起'), tomorrow);
  await expect(status).toHaveText('共 0 件');
  await fillPicker(pickerField(page, '受理日期起'), today);
  await fillPicker(pickerField(page, '受理日期止'), today);
  await expect(status).toHaveText('共 3 件');
  await page.getByLabel('类别').selectOption({ label: '息费' });
  await expect(status).toHaveText('共 0 件');
  await expect(page.getByText('没有符合条件的投诉')).toBeVisible();
});
