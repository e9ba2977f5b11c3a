import { expect, test } from './fixtures';
import { CasePage, FirstRunPage, IntakePage, QueuesPage } from './pages/app';

test('right after intake the registration form is previewed and printed from the keyboard; the print is logged on the case', async ({
  page,
  openApp,
}) => {
  test.setTimeout(90_000);
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'BJ01', name: '北京朝阳一店', profile: '典当行' }, { id: 'c01', name: '张敏' });
  const intake = new IntakePage(page);
  await intake.typeComplaint({
    name: '王小明 <img src=x onerror=alert(1)>',
    phone: '13812345678',
    address: '建国路88号',
    ref: 'DP2026112300017',
    content: '金饰鉴定估价明显偏低',
  });
  await intake.saveWithKeyboard();
  const caseNo = (await intake.caseNumber().textContent())!;

  // "Register the next one" has the focus; the print action is one Tab away.
  await expect(page.getByRole('button', { name: '登记下一件' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '打印登记表' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '打印预览：客户投诉登记表' });
  await expect(dialog).toBeVisible();
  const preview = dialog.frameLocator('iframe[title="客户投诉登记表"]');
  await expect(preview.getByText('客户投诉登记表').first()).toBeVisible();
  await expect(preview.getByText(caseNo).first()).toBeVisible();
  // The hostile name is printed as text, never as an element.
  await expect(preview.getByText('王小明 <img src=x onerror=alert(1)>')).toBeVisible();
  await expect(preview.locator('img')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: '打印（Ctrl+P）' })).toBeFocused();

  await dialog.getByLabel('份数').fill('0');
  await expect(dialog.getByText('份数应为 1 到 20 的整数')).toBeVisible();
  await expect(dialog.getByRole('button', { name: '打印（Ctrl+P）' })).toBeDisabled();
  await dialog.getByLabel('份数').fill('2');
  await page.keyboard.press('Control+p');
  await expect(dialog).toBeHidden();

  await new QueuesPage(page).open();
  const c = new CasePage(page);
  await c.openFromList(caseNo);
  await expect(page.getByRole('list', { name: '打印记录' })).toContainText('客户投诉登记表 · 2 份 · c01 · 浏览器打印');
});

test('every document of a case can be previewed from the case page, in Chinese and in English', async ({ page, openApp }) => {
  test.setTimeout(90_000);
  await openApp();
  await new FirstRunPage(page).setUp(
    { code: 'GZ05', name: '广州天河驿站', profile: '快递驿站', phone: '020-3888 1234' },
    { id: 's05', name: '站长' },
  );
  const intake = new IntakePage(page);
  // 𠮷 (CJK Extension B) is in no bundled font subset: the preview says it will print in the PC's font.
  await intake.typeComplaint({
    name: '𠮷先生',
    phone: '13600002222',
    address: '天河路1号',
    ref: 'YT8800001',
    content: '包裹外箱破损，内物摔坏',
  });
  await intake.saveWithKeyboard();
  const caseNo = (await intake.caseNumber().textContent())!;
  await new QueuesPage(page).open();
  const c = new CasePage(page);
  await c.openFromList(caseNo);
  await c.act('分派', { 责任部门: '客服部', 经办人工号: 'h01' });

  const documents = page.getByRole('group', { name: '打印' });
  for (const [button, expected] of [
    ['客户投诉受理回执', '020-3888 1234'],
    ['投诉处理协调工作单', '客服部'],
    ['投诉案卷归档摘要', '事项'],
  ] as const) {
    await documents.getByRole('button', { name: button }).click();
    const dialog = page.getByRole('dialog', { name: `打印预览：${button}` });
    await expect(dialog.frameLocator('iframe').getByText(expected).first()).toBeVisible();
    await expect(dialog.frameLocator('iframe').getByText(caseNo).first()).toBeVisible();
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect(dialog).toBeHidden();
  }

  await documents.getByRole('button', { name: '客户投诉登记表' }).click();
  const form = page.getByRole('dialog', { name: '打印预览：客户投诉登记表' });
  await expect(form.getByText('以下生僻字不在随附的打印字体中')).toContainText('𠮷');
  await form.getByRole('button', { name: '取消' }).click();

  await page.getByLabel('界面语言').click();
  await page.getByRole('option', { name: 'English' }).click();
  await page.getByRole('group', { name: 'Print' }).getByRole('button', { name: 'Customer Complaint Registration Form' }).click();
  const english = page.getByRole('dialog', { name: 'Print preview: Customer Complaint Registration Form' });
  await expect(english.frameLocator('iframe').getByText('Customer Complaint Registration Form').first()).toBeVisible();
  await expect(english.frameLocator('iframe').getByText('Complainant').first()).toBeVisible();
  // An English screen can still print the branch's Chinese form.
  await english.getByLabel('Print language').selectOption({ label: '简体中文' });
  await expect(english.frameLocator('iframe').getByText('客户投诉登记表').first()).toBeVisible();
});
