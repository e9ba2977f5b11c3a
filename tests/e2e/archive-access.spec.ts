import { expect, test, type Page } from './fixtures';
import { CasePage, FirstRunPage, IntakePage, QueuesPage, Session } from './pages/app';
import { seriousViolations } from './pages/axe';

/**
 * The restricted archive (R7.3, docs/privacy.md): a clerk who opens an archived case sees that it
 * is restricted and asks for access with a reason; a supervisor grants it from the requests shown
 * on every screen; the clerk then reads the case, and the supervisor sees the read in its access log.
 *
 * Who is at the counter: switched at the counter (Ctrl+Shift+L and a PIN, tests/e2e/pages/app.ts),
 * in Chinese; then the screens' language is set and the page reloaded (the session stays).
 */
async function actAs(page: Page, session: { staffId: string; name: string; role: 'clerk' | 'supervisor' }, locale = 'zh-CN') {
  const setLocale = async (l: string) => {
    await page.evaluate((value) => localStorage.setItem('countersign.locale', value), l);
    await page.reload();
  };
  await setLocale('zh-CN');
  await new Session(page).switchTo(session);
  if (locale !== 'zh-CN') await setLocale(locale);
}

const SUPERVISOR = { staffId: 's05', name: '站长', role: 'supervisor' } as const;
const CLERK = { staffId: 'c09', name: '柜员', role: 'clerk' } as const;

test('a clerk sees an archived case as restricted, asks for access, a supervisor grants it, the read is logged', async ({
  page,
  openApp,
}, testInfo) => {
  await openApp();
  await new FirstRunPage(page).setUp(
    { code: 'SZ05', name: '深圳驿站', profile: '快递驿站' },
    { id: 's05', name: '站长' },
    { staff: [{ id: 'c09', name: '柜员', role: '登记员' }] },
  );
  const intake = new IntakePage(page);
  await intake.typeComplaint({ name: '李四', phone: '13912348000', address: '', ref: 'SF1234567890', content: '取件时找不到包裹' });
  await intake.saveWithKeyboard();
  const caseNo = (await intake.caseNumber().textContent())!;
  const queues = new QueuesPage(page);
  await queues.open();
  const c = new CasePage(page);
  await c.openFromList(caseNo);
  await c.act('当场办结', { 向客户的解释说明: '已当场找到包裹交给客户' });
  await expect(c.state()).toHaveText('已归档');

  await actAs(page, CLERK);
  await queues.open();
  // The list still shows the case, its complainant masked.
  await expect(queues.row(caseNo)).toContainText('李*');
  await expect(queues.row(caseNo)).not.toContainText('李四');
  await page.getByRole('button', { name: `打开投诉 ${caseNo}` }).click();
  await expect(page.getByRole('heading', { name: '受限的归档案件' })).toBeVisible();
  await expect(page.getByText(`案件 ${caseNo} 已归档，仅主管和管理员可以查看`)).toBeVisible();
  await expect(page.getByText('13912348000')).toHaveCount(0);
  await page.getByLabel('申请理由').fill('客户来电询问处理结果');
  await page.screenshot({ path: testInfo.outputPath('restricted-zh-CN.png'), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: '申请查看' }).click();
  await expect(page.getByRole('status').filter({ hasText: '等待主管处理' })).toBeVisible();

  await actAs(page, CLERK, 'en');
  await page.getByRole('tab', { name: 'Complaints' }).click();
  await page.getByRole('button', { name: `Open complaint ${caseNo}` }).click();
  await expect(page.getByRole('heading', { name: 'Restricted archived case' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'waiting for a supervisor' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('restricted-en.png'), fullPage: true });

  await actAs(page, SUPERVISOR, 'en');
  const requestsEn = page.getByRole('region', { name: 'Requests to read archived cases' });
  await expect(requestsEn).toContainText(`c09 asks to read ${caseNo}`);
  await expect(requestsEn.getByRole('button', { name: `Grant c09 access to ${caseNo}` })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('requests-en.png'), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  await actAs(page, SUPERVISOR);
  const requests = page.getByRole('region', { name: '归档案件查看申请' });
  await expect(requests).toContainText(`c09 申请查看 ${caseNo}`);
  await expect(requests).toContainText('客户来电询问处理结果');
  await page.screenshot({ path: testInfo.outputPath('requests-zh-CN.png'), fullPage: true });
  await requests.getByLabel(`c09 查看 ${caseNo} 的授权时长`).selectOption({ label: '8 小时' });
  await requests.getByRole('button', { name: `批准 c09 查看 ${caseNo}` }).click();
  await expect(requests).toHaveCount(0);

  await actAs(page, CLERK);
  await queues.open();
  await c.openFromList(caseNo);
  await expect(page.getByText('13912348000')).toBeVisible();
  await expect(page.getByRole('heading', { name: '查看记录' })).toHaveCount(0); // the log is the supervisors'

  await actAs(page, SUPERVISOR);
  await queues.open();
  await c.openFromList(caseNo);
  const log = page.getByRole('table', { name: '查看记录' });
  await expect(log.getByRole('row').filter({ hasText: 'c09' })).toContainText('临时授权');
  await expect(log.getByRole('row').filter({ hasText: 's05' }).first()).toContainText('主管权限');
  await page.screenshot({ path: testInfo.outputPath('log-zh-CN.png'), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});
