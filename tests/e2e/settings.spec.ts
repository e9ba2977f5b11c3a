import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { FirstRunPage, fillPicker, pickerField } from './pages/app';

test('a supervisor sets departments, staff, a deadline and 2027 holidays; they survive a reload', async ({ page, openApp }) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'NJ12', name: '南京十二店', profile: '物业管理' }, { id: 's12', name: '主管' });
  await page.getByRole('tab', { name: '网点设置' }).click();
  await expect(page.getByRole('heading', { name: '网点设置' })).toBeVisible();
  const violations = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(violations.map((v) => v.id)).toEqual([]);

  await page.getByLabel('新部门名称').fill('工程部');
  await page.keyboard.press('Enter');
  await page.getByLabel('新部门名称').fill('客服中心');
  await page.getByRole('button', { name: '添加部门' }).click();
  await expect(page.getByLabel('工号 1')).toHaveValue('s12'); // the person of the first run
  await page.getByRole('button', { name: '添加员工' }).click();
  await page.getByLabel('工号 2').fill('h21');
  await page.getByLabel('姓名 2').fill('维修王师傅');
  await page.getByRole('button', { name: '保存部门与员工' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();

  await expect(page.getByText('尚未录入 2027 年的法定节假日')).toBeVisible();
  await page.getByLabel('转派责任部门 时长').fill('2');
  await fillPicker(pickerField(page, '日期'), '2027-01-01');
  await page.getByLabel('名称（选填）').fill('元旦');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await page.getByRole('button', { name: '保存时限与日历' }).click();
  await expect(page.getByText('尚未录入 2027 年的法定节假日')).toBeHidden();

  await page.reload();
  await page.getByRole('tab', { name: '网点设置' }).click();
  await expect(page.getByRole('list', { name: '部门' })).toContainText('工程部');
  await expect(page.getByRole('list', { name: '部门' })).toContainText('客服中心');
  await expect(page.getByLabel('工号 2')).toHaveValue('h21');
  await expect(page.getByLabel('转派责任部门 时长')).toHaveValue('2');
  await expect(page.getByRole('list', { name: '本地节假日与调休' })).toContainText('2027-01-01');
});
