import { expect, test } from './fixtures';
import { FirstRunPage, IntakePage, QueuesPage } from './pages/app';

const complaint = {
  name: '王小明',
  phone: '138 1234 5678',
  address: '朝阳区建国路88号',
  ref: 'DP2026112200017',
  content: '金饰鉴定估价明显偏低，要求重新鉴定并说明依据。',
};

test('first run, then a walk-in complaint registered by keyboard alone, found in the list, kept after a reload', async ({
  page,
  openApp,
}) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'BJ01', name: '北京朝阳一店', profile: '典当行' }, { id: 'c01', name: '张敏' });
  const intake = new IntakePage(page);
  await expect(intake.heading).toBeVisible();
  await expect(page.getByLabel('当票号')).toBeVisible(); // the pawnshop's label for the business reference
  await intake.typeComplaint(complaint);
  await intake.saveWithKeyboard();
  await expect(intake.caseNumber()).toHaveText(/^BJ01-\d{8}-001$/);
  const caseNo = (await intake.caseNumber().textContent())!;

  const queues = new QueuesPage(page);
  await queues.open();
  await expect(queues.row(caseNo)).toContainText('王小明');
  await expect(queues.row(caseNo)).toContainText('已登记');

  await page.reload();
  await queues.open();
  await expect(queues.row(caseNo)).toBeVisible();
  await queues.search('1381234');
  await expect(queues.row(caseNo)).toBeVisible();
});

test('a bad phone number gets an inline message and loses nothing typed', async ({ page, openApp }) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'SH02', name: '上海二店', profile: '快递驿站' }, { id: 'c02', name: '李雷' });
  const intake = new IntakePage(page);
  await intake.typeComplaint({ ...complaint, phone: '12345', ref: 'SF1234567890', content: '<script>alert(1)</script> 包裹破损' });
  await intake.saveWithKeyboard();
  await expect(page.getByText('电话号码格式不对：手机 11 位，座机需带区号')).toBeVisible();
  await expect(page.getByLabel('投诉人姓名')).toHaveValue('王小明');
  await expect(page.getByLabel('投诉内容')).toHaveValue('<script>alert(1)</script> 包裹破损');
  await page.getByLabel('联系电话').fill('13912345678');
  await intake.saveWithKeyboard();
  await expect(intake.caseNumber()).toHaveText(/^SH02-\d{8}-001$/);
});

test('an unsaved intake comes back after a reload', async ({ page, openApp }) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'GZ03', name: '广州三店', profile: '物业管理' }, { id: 'c03', name: '韩梅梅' });
  await page.getByLabel('投诉人姓名').fill('赵六');
  await page.getByLabel('投诉内容').fill('楼道照明坏了一周无人修理');
  await expect(page.getByRole('status').filter({ hasText: '草稿已自动保存' })).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: '恢复草稿' }).click();
  await expect(page.getByLabel('投诉人姓名')).toHaveValue('赵六');
  await expect(page.getByLabel('投诉内容')).toHaveValue('楼道照明坏了一周无人修理');
});

test('the screens switch to English', async ({ page, openApp }) => {
  await openApp();
  await page.getByLabel('界面语言').click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'First-run setup' })).toBeVisible();
  await expect(page.getByLabel('Branch code')).toBeVisible();
});
