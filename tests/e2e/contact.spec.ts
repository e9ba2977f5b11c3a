import { expect, test } from './fixtures';
import { CasePage, EscalationShell, FirstRunPage, IntakePage, QueuesPage } from './pages/app';

/** R1.1, R1.2: anonymous reports, a way of contact for the callback, phones abroad and identity documents. */

test('an anonymous report letter is registered with no name and no phone, goes to the supervisor with its notification, and the case page says it is anonymous', async ({
  page,
  openApp,
}) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'BJ01', name: '北京朝阳一店', profile: '典当行' }, { id: 's01', name: '王主管' });
  const intake = new IntakePage(page);
  await expect(intake.heading).toBeVisible();
  await page.getByLabel('受理渠道').selectOption({ label: '信函' });
  await page.getByLabel('投诉内容').fill('举报柜员私下收取好处费，信中未署名。');
  await page.getByLabel('举报（检举）件，直接转主管').check();
  await page.getByLabel('匿名举报（不留姓名和联系方式）').check();
  await expect(page.getByLabel('投诉人姓名')).toBeDisabled();
  await expect(page.getByLabel('联系电话')).toBeDisabled();
  await page.getByRole('button', { name: '保存登记（Ctrl+Enter）' }).click();
  await expect(intake.caseNumber()).toHaveText(/^BJ01-\d{8}-001$/);
  const caseNo = (await intake.caseNumber().textContent())!;

  await expect(page.getByText('举报件已直接转主管，主管已收到通知')).toBeVisible();

  // The first-run person is the supervisor: the report is in their "mine", with its notification (R1.1).
  const shell = new EscalationShell(page);
  await expect(shell.badge()).toHaveAccessibleName('待确认的主管通知：1');
  await expect(await shell.openList()).toContainText(`${caseNo} · 举报件`);
  await page.keyboard.press('Escape');
  const queues = new QueuesPage(page);
  await queues.open();
  await page.getByRole('tab', { name: '我的' }).click();
  await expect(queues.row(caseNo)).toContainText('匿名');
  const casePage = new CasePage(page);
  await casePage.openFromList(caseNo);
  await expect(page.getByText('匿名', { exact: true })).toBeVisible(); // the chip beside the state
  await expect(page.getByText('举报件', { exact: true })).toBeVisible();
  await expect(casePage.field('投诉人姓名')).toHaveText('匿名举报人');
  await expect(page.getByText(/匿名举报：无人可告知结果或回访，不计回访时限/)).toBeVisible();
  await expect(casePage.clock('电话回访')).toHaveCount(0);
});

test('a Hong Kong phone (+852) and a passport are accepted; the case shows the phone in E.164 form and the passport masked', async ({
  page,
  openApp,
}) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'SZ05', name: '深圳福田店', profile: '快递驿站' }, { id: 'c05', name: '陈敏' });
  const intake = new IntakePage(page);
  await page.getByLabel('投诉人姓名').fill('Chan Tai Man');
  await page.getByLabel('联系电话').fill('+852 9123 4567');
  await page.getByLabel('投诉内容').fill('包裹在驿站丢失，要求赔偿。');
  await page.getByLabel('证件类型').selectOption({ label: '护照' });
  await page.getByLabel('证件号码（选填）').fill('k1234567');
  await intake.saveWithKeyboard();
  await expect(intake.caseNumber()).toHaveText(/^SZ05-\d{8}-001$/);
  const caseNo = (await intake.caseNumber().textContent())!;

  await new QueuesPage(page).open();
  const casePage = new CasePage(page);
  await casePage.openFromList(caseNo);
  await expect(casePage.field('联系电话')).toHaveText('+85291234567');
  await expect(casePage.field('证件')).toHaveText('护照 K****567');
  await expect(page.getByText('K1234567')).toHaveCount(0);
});

test('a phone typed in full-width digits is shown converted when the clerk moves on, and saved converted', async ({ page, openApp }) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'GZ03', name: '广州三店', profile: '物业管理' }, { id: 'c03', name: '韩梅梅' });
  const intake = new IntakePage(page);
  await page.getByLabel('投诉人姓名').fill('赵六');
  const phone = page.getByLabel('联系电话');
  await phone.fill('１３８－１２３４－５６７８');
  await phone.press('Tab');
  await expect(phone).toHaveValue('13812345678');
  await page.getByLabel('投诉内容').fill('楼道照明坏了一周无人修理');
  await intake.saveWithKeyboard();
  const caseNo = (await intake.caseNumber().textContent())!;
  await new QueuesPage(page).open();
  const casePage = new CasePage(page);
  await casePage.openFromList(caseNo);
  await expect(casePage.field('联系电话')).toHaveText('13812345678');
});

test('an intake with no phone, address or e-mail is refused with the message on the form, and nothing typed is lost', async ({
  page,
  openApp,
}) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'WH09', name: '武汉九店', profile: '典当行' }, { id: 'c09', name: '李雷' });
  const intake = new IntakePage(page);
  await page.getByLabel('投诉人姓名').fill('王小明');
  await page.getByLabel('投诉内容').fill('当物估价偏低');
  await intake.saveWithKeyboard();
  await expect(page.getByRole('alert').filter({ hasText: '请先改正标出的内容' })).toBeVisible();
  await expect(page.getByText('请至少留一种联系方式（电话、地址或电子邮箱），以便回访客户')).toBeVisible();
  await expect(page.getByLabel('投诉人姓名')).toHaveValue('王小明');
  await page.getByLabel('电子邮箱').fill('wang@example.com');
  await intake.saveWithKeyboard();
  await expect(intake.caseNumber()).toHaveText(/^WH09-\d{8}-001$/);
});
