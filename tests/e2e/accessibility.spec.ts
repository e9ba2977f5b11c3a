import { expect, test } from './fixtures';
import { CasePage, FirstRunPage, IntakePage, QueuesPage } from './pages/app';
import { seriousViolations } from './pages/axe';

/**
 * The print preview's frame is sandboxed without scripts (a picture of the paper), so axe cannot
 * run inside it and would wait for it: it is left out, the dialog around it is checked.
 */
test('no serious or critical accessibility violation on any screen, in Chinese and English', async ({ page, openApp }) => {
  test.setTimeout(120_000);
  await openApp();
  await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
  expect(await seriousViolations(page, { exclude: 'iframe[sandbox]' })).toEqual([]);

  await new FirstRunPage(page).setUp({ code: 'BJ01', name: '北京朝阳一店', profile: '典当行' }, { id: 'c01', name: '张敏' });
  await expect(page.getByRole('heading', { name: '客户投诉登记' })).toBeVisible();
  expect(await seriousViolations(page, { exclude: 'iframe[sandbox]' })).toEqual([]);

  const intake = new IntakePage(page);
  await intake.typeComplaint({ name: '王小明', phone: '13812345678', address: '建国路88号', ref: 'DP1', content: '估价偏低' });
  await intake.saveWithKeyboard();
  const caseNo = (await intake.caseNumber().textContent())!;
  expect(await seriousViolations(page, { exclude: 'iframe[sandbox]' })).toEqual([]);

  await new QueuesPage(page).open();
  await expect(page.getByRole('heading', { name: '投诉列表' })).toBeVisible();
  expect(await seriousViolations(page, { exclude: 'iframe[sandbox]' })).toEqual([]);

  await new CasePage(page).openFromList(caseNo);
  expect(await seriousViolations(page, { exclude: 'iframe[sandbox]' })).toEqual([]);
  await page.getByRole('group', { name: '可执行的操作' }).getByRole('button', { name: '分派', exact: true }).click();
  await expect(page.getByRole('dialog', { name: '分派' })).toBeVisible();
  expect(await seriousViolations(page, { exclude: 'iframe[sandbox]' })).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('group', { name: '打印' }).getByRole('button', { name: '客户投诉登记表' }).click();
  await expect(
    page.getByRole('dialog', { name: '打印预览：客户投诉登记表' }).frameLocator('iframe').getByText(caseNo).first(),
  ).toBeVisible();
  expect(await seriousViolations(page, { exclude: 'iframe[sandbox]' })).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '返回列表' }).click();

  await page.getByLabel('界面语言').click();
  await page.getByRole('option', { name: 'English' }).click();
  // The language menu fades out: axe would judge its half-transparent options' contrast.
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Complaints' })).toBeVisible();
  expect(await seriousViolations(page, { exclude: 'iframe[sandbox]' })).toEqual([]);
  await page.getByRole('tab', { name: 'Register' }).click();
  await expect(page.getByRole('heading', { name: 'Customer complaint registration' })).toBeVisible();
  expect(await seriousViolations(page, { exclude: 'iframe[sandbox]' })).toEqual([]);
});
