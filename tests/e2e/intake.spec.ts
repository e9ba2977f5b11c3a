import { chinaDateTime } from '../../shared/deadlines/calendar';
import { appNow } from './clock';
import { expect, test } from './fixtures';
import { CasePage, fillPicker, FirstRunPage, IntakePage, pickerField, pickerShown, QueuesPage } from './pages/app';

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

test('first run lists the person setting up first among the staff, as it says', async ({ page, openApp }) => {
  await openApp();
  await expect(page.getByRole('heading', { name: '员工（您已列为第一位，可继续添加）' })).toBeVisible();
  await page.getByLabel('您的工号').fill('c01');
  await page.getByLabel('您的姓名').fill('张敏');
  const first = page.getByRole('table', { name: '员工' }).getByRole('row').nth(1);
  await expect(first).toContainText('c01');
  await expect(first).toContainText('张敏（您）');
  await expect(first).toContainText('管理员'); // the first run makes its person the branch's administrator
});

test('the saved panel opens the new case: Alt+O, or its button', async ({ page, openApp }) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'BJ04', name: '北京四店', profile: '典当行' }, { id: 'c04', name: '柜员' });
  const intake = new IntakePage(page);
  await intake.typeComplaint(complaint);
  await intake.saveWithKeyboard();
  const caseNo = (await intake.caseNumber().textContent())!;
  await expect(page.getByRole('button', { name: '打开这件投诉（Alt+O）' })).toBeVisible();
  await page.keyboard.press('Alt+O');
  await expect(page.getByRole('heading', { name: caseNo })).toBeVisible();
  await expect(page.getByRole('tab', { name: '投诉列表' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('tab', { name: '登记投诉' }).click();
  await intake.typeComplaint({ ...complaint, name: '李四' });
  await intake.saveWithKeyboard();
  const second = (await intake.caseNumber().textContent())!;
  await page.getByRole('button', { name: '打开这件投诉（Alt+O）' }).click();
  await expect(page.getByRole('heading', { name: second })).toBeVisible();
  await expect(page.getByText('李四', { exact: true })).toBeVisible();
});

test('the received time is picked in the screen’s language, China time: Chinese in zh-CN, English in en', async ({ page, openApp }) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'BJ05', name: '北京五店', profile: '典当行' }, { id: 'c05', name: '柜员' });
  const received = pickerField(page, '受理时间');
  await expect(pickerShown(received)).toHaveValue(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/); // now, China time, as Chinese write it
  await fillPicker(received, '2026-11-20T08:30');
  await expect(pickerShown(received)).toHaveValue('2026/11/20 08:30');
  await received.getByRole('button').click();
  const calendar = page.getByRole('dialog');
  await expect(calendar).toContainText('十一月');
  await expect(calendar.getByRole('columnheader').first()).toHaveText(/^[一二三四五六日]$/);
  await page.keyboard.press('Escape');
  await expect(calendar).toBeHidden();

  await page.getByLabel('界面语言').click();
  await page.getByRole('option', { name: 'English' }).click();
  const english = pickerField(page, 'Received at');
  await expect(pickerShown(english)).toHaveValue('11/20/2026 08:30 AM');
  await english.getByRole('button').click();
  await expect(page.getByRole('dialog')).toContainText('November');
  await expect(page.getByRole('dialog')).not.toContainText('十一月');
  await page.keyboard.press('Escape');

  // Saved, the case says the time typed, China time.
  await page.getByLabel('Language').click();
  await page.getByRole('option', { name: '简体中文' }).click();
  const intake = new IntakePage(page);
  await page.getByLabel('投诉人姓名').fill('王小明');
  await page.getByLabel('联系电话').fill('13812345678');
  await page.getByLabel('投诉内容').fill('估价偏低');
  await intake.saveWithKeyboard();
  await expect(intake.caseNumber()).toHaveText(/^BJ05-20261120-001$/);
  await page.keyboard.press('Alt+O');
  await expect(new CasePage(page).field('受理时间')).toHaveText('2026/11/20 08:30');
});

test.describe('on a PC set to another time zone', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('the received time is still China time', async ({ page, openApp }) => {
    await openApp();
    await new FirstRunPage(page).setUp({ code: 'BJ06', name: '北京六店', profile: '典当行' }, { id: 'c06', name: '柜员' });
    const now = await appNow(page);
    const shown = (at: number) => chinaDateTime(at).replace('T', ' ').replaceAll('-', '/');
    await expect(pickerShown(pickerField(page, '受理时间'))).toHaveValue(new RegExp(`^(${shown(now)}|${shown(now - 60_000)})$`));
  });
});
