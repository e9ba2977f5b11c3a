/**
 * Accountability (R8.3): a supervisor records a staff member's responsibility on a closed (here:
 * settled at the counter, so archived) case, the staff member finds it in "my record" and appeals,
 * the supervisor decides; the score sheet sums it up.
 */
import { expect, test, type Page } from './fixtures';
import { CasePage, FirstRunPage, IntakePage, QueuesPage, Session } from './pages/app';
import { seriousViolations } from './pages/axe';

const SUPERVISOR = { staffId: 's31', name: '主管甲', role: 'supervisor' } as const;
const HANDLER = { staffId: 'h31', name: '经办乙', role: 'handler' } as const;

async function openCase(page: Page, caseNo: string) {
  await new QueuesPage(page).open();
  await page.getByRole('tab', { name: '全部', exact: true }).click();
  await new CasePage(page).openFromList(caseNo);
}

test('a supervisor records responsibility on a closed case, the staff member appeals, the supervisor decides', async ({
  page,
  openApp,
}) => {
  test.setTimeout(150_000);
  await openApp();
  await new FirstRunPage(page).setUp(
    { code: 'WH31', name: '武汉三十一店', profile: '典当行' },
    { id: SUPERVISOR.staffId, name: SUPERVISOR.name },
    { departments: ['鉴定部'], staff: [{ id: HANDLER.staffId, name: HANDLER.name, role: '经办人' }] },
  );
  const intake = new IntakePage(page);
  await expect(intake.heading).toBeVisible();

  // The supervisor shortens the appeal window in the settings' deduction rules.
  await page.getByRole('tab', { name: '网点设置' }).click();
  const rules = page.getByRole('form', { name: '扣分规则' });
  await expect(rules.getByLabel('经核实的一般投诉（每件）')).toHaveValue('1');
  await rules.getByLabel('申诉期限（工作日）').fill('3');
  await rules.getByRole('button', { name: '保存扣分规则' }).click();
  await expect(page.getByText('扣分规则已保存。')).toBeVisible();
  await page.getByRole('region', { name: '扣分规则' }).screenshot({ path: test.info().outputPath('rules-zh-CN.png') });
  await page.getByRole('tab', { name: '登记投诉' }).click();

  await intake.typeComplaint({ name: '钱女士', phone: '13712345678', address: '', ref: 'DP2026112300031', content: '估价员态度恶劣' });
  await intake.saveWithKeyboard();
  await expect(intake.caseNumber()).toBeVisible();
  const caseNo = (await intake.caseNumber().textContent())!;

  const c = new CasePage(page);
  await openCase(page, caseNo);
  await c.act('当场办结', { 向客户的解释说明: '当场道歉并重新估价，客户认可' });
  await expect(c.state()).toHaveText('已归档');

  // The rules' proposal is shown; a deduction other than it needs a reason.
  const section = page.getByRole('region', { name: '责任追究' });
  await expect(section.getByRole('status')).toContainText('按规则建议不扣分');
  await expect(section.getByRole('status')).toContainText('被追责人可在 3 个工作日内申诉');
  await c.act('追究责任', {
    责任类型: '直接责任',
    '责任人（工号）': HANDLER.staffId,
    处理措施: '书面检讨',
    '扣分（留空按规则建议）': '2',
    调整扣分的理由: '服务态度问题，客户当场投诉',
  });
  const records = section.getByRole('table', { name: '责任追究' });
  await expect(records.getByRole('row').nth(1)).toContainText(`${HANDLER.name} (${HANDLER.staffId})`);
  await expect(records.getByRole('row').nth(1)).toContainText('书面检讨');
  await expect(c.timeline()).toContainText('责任追究');
  await page.screenshot({ path: test.info().outputPath('case-zh-CN.png'), fullPage: true });
  expect(await seriousViolations(page, { exclude: 'iframe[sandbox]' })).toEqual([]);

  // The staff member sees it in "my record", opens the case and appeals.
  await new Session(page).switchTo(HANDLER);
  await page.getByRole('tab', { name: '责任追究' }).click();
  const mine = page.getByRole('table', { name: '我的追责记录' });
  await expect(mine).toContainText(caseNo);
  await expect(page.getByText('合计扣 2 分')).toBeVisible();
  await mine.getByRole('button', { name: `打开案件 ${caseNo}` }).click();
  await expect(page.getByRole('heading', { name: caseNo })).toBeVisible();
  await c.act('对追责申诉', { 申诉理由: '客户所述与监控不符' });
  await expect(records.getByRole('row').nth(1)).toContainText('客户所述与监控不符');

  // The supervisor decides.
  await new Session(page).switchTo(SUPERVISOR);
  await openCase(page, caseNo);
  await c.act('裁定申诉', { 裁定结果: '调整扣分', 调整后的扣分: '1', 裁定说明: '监控显示态度尚可，酌减' });
  await expect(records.getByRole('row').nth(1)).toContainText('调整扣分 · 监控显示态度尚可，酌减');
  await expect(c.timeline()).toContainText('申诉裁定');

  // The score sheet of this month: one record, one point.
  await page.getByRole('tab', { name: '责任追究' }).click();
  await page.getByRole('button', { name: '生成考核表' }).click();
  const byStaff = page.getByRole('table', { name: '按人员' });
  await expect(byStaff.getByRole('row').nth(1)).toContainText(`${HANDLER.name} (${HANDLER.staffId})`);
  await expect(byStaff.getByRole('row').nth(1)).toContainText('1');
  await expect(page.getByRole('table', { name: '按部门' })).toContainText('（未分派）');
  await page.screenshot({ path: test.info().outputPath('sheet-zh-CN.png'), fullPage: true });
  expect(await seriousViolations(page, { exclude: 'iframe[sandbox]' })).toEqual([]);

  // Printed through the print dialog from a frame holding the sheet as a page.
  await page.getByRole('button', { name: '打印考核表' }).click();
  const printed = page.frameLocator('iframe[aria-hidden="true"]');
  await expect(printed.getByRole('heading', { name: '责任追究考核表' })).toBeAttached();
  await expect(printed.getByRole('table').first()).toContainText(`${HANDLER.name} (${HANDLER.staffId})`);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '另存为 XLSX' }).click();
  expect((await download).suggestedFilename()).toMatch(/^score-sheet-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);

  // In English.
  await page.getByLabel('界面语言').click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(page.getByRole('listbox')).toBeHidden(); // the menu fades out; axe would judge it meanwhile
  await page.getByRole('tab', { name: 'Accountability' }).click();
  await page.getByRole('button', { name: 'Show the score sheet' }).click();
  await expect(page.getByRole('table', { name: 'By staff member' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('sheet-en.png'), fullPage: true });
  await page.getByRole('button', { name: `Open case ${caseNo}` }).click();
  await expect(page.getByRole('table', { name: 'Accountability' })).toContainText('Deduction adjusted');
  await page.screenshot({ path: test.info().outputPath('case-en.png'), fullPage: true });
  expect(await seriousViolations(page, { exclude: 'iframe[sandbox]' })).toEqual([]);
});
