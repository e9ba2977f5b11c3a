import { expect, test } from './fixtures';
import { ADMIN_PASSWORD, FirstRunPage, Session } from './pages/app';
import { seriousViolations } from './pages/axe';

/** Sign-in at the counter: the store host decides who acts; the screens only ask. */

const BRANCH = { code: 'BJ21', name: '北京二十一店', profile: '典当行' };
const ADMIN = { id: 'a21', name: '王管理' };
const CLERK = { id: 'c21', name: '李柜员', role: '登记员' };

test('the person at the counter is switched from the keyboard and the intake being typed is kept', async ({ page, openApp }) => {
  await openApp();
  await new FirstRunPage(page).setUp(BRANCH, ADMIN, { staff: [CLERK] });
  const session = new Session(page);
  await session.givePins([CLERK.id]);
  await page.getByLabel('投诉人姓名').fill('赵先生');
  await page.getByLabel('联系电话').fill('13812345678');

  await session.signInWithKeyboard(CLERK.id);
  await expect(page.getByRole('button', { name: /^李柜员（登记员）/ })).toBeVisible();
  await expect(page.getByLabel('投诉人姓名')).toHaveValue('赵先生');
  await expect(page.getByLabel('联系电话')).toHaveValue('13812345678');

  // A clerk's settings offer their own PIN, not the staff's.
  await page.getByRole('tab', { name: '网点设置' }).click();
  const security = page.getByRole('region', { name: '登录与锁定' });
  await expect(security.getByRole('heading', { name: '我的 PIN' })).toBeVisible();
  await expect(security.getByRole('heading', { name: '设置员工 PIN' })).toHaveCount(0);
});

test('wrong PINs lock the account; a supervisor’s reset lets the person in again', async ({ page, openApp }) => {
  await openApp();
  await new FirstRunPage(page).setUp(BRANCH, ADMIN, { staff: [CLERK] });
  const session = new Session(page);
  await session.givePins([CLERK.id]);
  await page.keyboard.press('Control+Shift+L');
  const lock = page.getByRole('dialog', { name: '已锁定' });
  for (let i = 1; i <= 5; i++) {
    await lock.getByLabel('工号').fill(CLERK.id);
    await lock.getByLabel('PIN 或密码').fill(`wrong-${i}-pin`);
    await lock.getByRole('button', { name: '登录' }).click();
    // The answer has come when the form has emptied the PIN it sent.
    await expect(lock.getByLabel('PIN 或密码')).toHaveValue('');
    await expect(lock.getByRole('alert')).toContainText(i < 5 ? '工号或 PIN 不正确' : '此账户已锁定');
  }
  // Even the right PIN is refused while the account is locked.
  await lock.getByLabel('工号').fill(CLERK.id);
  await lock.getByLabel('PIN 或密码').fill(Session.secretOf(CLERK.id)!);
  await lock.getByRole('button', { name: '登录' }).click();
  await expect(lock.getByRole('alert')).toContainText('此账户已锁定');

  await lock.getByLabel('工号').fill(ADMIN.id);
  await lock.getByLabel('PIN 或密码').fill(ADMIN_PASSWORD);
  await lock.getByRole('button', { name: '登录' }).click();
  await expect(lock).toBeHidden();
  await session.givePins([CLERK.id]);
  await session.signInWithKeyboard(CLERK.id);
  await expect(page.getByRole('button', { name: /^李柜员（登记员）/ })).toBeVisible();
});

test('the counter locks after the idle time set in settings, keeping the intake being typed', async ({ page, openApp }) => {
  await openApp();
  await new FirstRunPage(page).setUp(BRANCH, ADMIN);
  await page.getByRole('tab', { name: '网点设置' }).click();
  const security = page.getByRole('region', { name: '登录与锁定' });
  await security.getByLabel('无操作自动锁定（分钟）').fill('1');
  await security.getByRole('button', { name: '保存锁定时间' }).click();
  await expect(security.getByRole('status')).toHaveText('已保存');
  await page.getByRole('tab', { name: '登记投诉' }).click();
  await page.getByLabel('投诉人姓名').fill('孙女士');

  await page.clock.fastForward('01:30');
  const lock = page.getByRole('dialog', { name: '已锁定' });
  await expect(lock).toBeVisible();
  // The session ended in the store host too: the screens underneath can read nothing now.
  await lock.getByLabel('工号').fill(ADMIN.id);
  await lock.getByLabel('PIN 或密码').fill(ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(lock).toBeHidden();
  await expect(page.getByLabel('投诉人姓名')).toHaveValue('孙女士');
});

test('the lock, the sign-in page and the PIN settings read in English and Chinese, with no serious accessibility fault', async ({
  page,
  openApp,
}, testInfo) => {
  await openApp();
  await new FirstRunPage(page).setUp(BRANCH, ADMIN, { staff: [CLERK] });
  await page.getByRole('tab', { name: '网点设置' }).click();
  await expect(page.getByRole('region', { name: '登录与锁定' })).toBeVisible();
  await page.getByRole('region', { name: '登录与锁定' }).screenshot({ path: testInfo.outputPath('security-zh-CN.png') });
  await page.keyboard.press('Control+Shift+L');
  await expect(page.getByRole('dialog', { name: '已锁定' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('lock-zh-CN.png') });
  expect(await seriousViolations(page)).toEqual([]);

  // The session ended with the lock: after a reload the sign-in page asks, here in English.
  await page.evaluate(() => localStorage.setItem('countersign.locale', 'en'));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('sign-in-en.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('Staff id').fill(ADMIN.id);
  await page.getByLabel('PIN or password').fill('not-the-password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Wrong staff id or PIN');
  await page.getByLabel('PIN or password').fill(ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /^王管理 \(administrator\)/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Branch settings' }).click();
  const security = page.getByRole('region', { name: 'Sign-in and locking' });
  await expect(security.getByRole('heading', { name: "Set a staff member's PIN" })).toBeVisible();
  await security.screenshot({ path: testInfo.outputPath('security-en.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Control+Shift+L');
  await expect(page.getByRole('dialog', { name: 'Locked' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('lock-en.png') });
});
