import { appNow } from './clock';
import { expect, test, type Page } from './fixtures';
import { WorkCalendar } from '../../shared/deadlines';
import { CasePage, FirstRunPage, IntakePage, QueuesPage, Session } from './pages/app';

const HOUR = 3_600_000;
/** As the case page shows times: China time, zh-CN short style. */
const shown = (at: number) => new Date(at).toLocaleString('zh-CN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
/** `2026/11/23 09:15` (China time) back to epoch ms. */
function chinaTimeOf(text: string | null): number {
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{2}):(\d{2})$/.exec(text ?? '');
  if (!m) throw new Error(`not a China time: ${text}`);
  const [, y, mo, d, h, mi] = m;
  return Date.parse(`${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${h}:${mi}:00+08:00`);
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Does `act`, which starts a clock at the app's "now", and returns the due time the case page must
 * show for it: `due` of the app's time just before and just after the act. They differ only when
 * the act ran across midnight (the suite is also run from 23:59, see tests/e2e/clock.ts); then
 * either day may be the one the store took.
 */
async function dueShownAfter(page: Page, act: () => Promise<void>, due: (at: number) => number): Promise<RegExp> {
  const before = await appNow(page);
  await act();
  const after = await appNow(page);
  return new RegExp([...new Set([shown(due(before)), shown(due(after))])].map(escapeRegExp).join('|'));
}

test('a pawnshop complaint from intake through an unsatisfied callback, reopening, a satisfied callback, to the archive', async ({
  page,
  openApp,
}) => {
  test.setTimeout(120_000);
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'BJ01', name: '北京朝阳一店', profile: '典当行' }, { id: 's01', name: '主管甲' });
  const intake = new IntakePage(page);
  await intake.typeComplaint({
    name: '王小明',
    phone: '13812345678',
    address: '建国路88号',
    ref: 'DP2026112200017',
    content: '金饰鉴定估价明显偏低',
  });
  await intake.saveWithKeyboard();
  const caseNo = (await intake.caseNumber().textContent())!;

  await new QueuesPage(page).open();
  const c = new CasePage(page);
  await c.openFromList(caseNo);
  // R4.2, 《典当公司客户投诉追责审核办法》三(一)2: classified and assigned within one hour of receipt (clock hours).
  const receivedAt = chinaTimeOf(await c.field('受理时间').textContent());
  await expect(c.clock('分类登记并分派')).toContainText(shown(receivedAt + HOUR));
  await expect(c.clock('分类登记并分派')).toContainText('计时中');
  await expect(c.clock('成立调查小组')).toContainText('未开始');

  // …then an investigation team within 2 working days of the assignment: the end of that China working day.
  const calendar = new WorkCalendar([]);
  const teamDue = await dueShownAfter(
    page,
    () => c.act('分派', { 责任部门: '鉴定部', 经办人工号: 'h01', '要求完成日期（选填）': '2030-01-31' }),
    (at) => calendar.workingDaysDeadline(at, 2),
  );
  await expect(page.getByRole('region', { name: '处理情况' })).toContainText('鉴定部 · h01 · 截止时间 2030/1/31 23:59');
  await expect(c.state()).toHaveText('已分派');
  await expect(c.clock('分类登记并分派')).toContainText('按时完成'); // assigned within the hour
  await expect(c.clock('成立调查小组')).toContainText(teamDue);
  await expect(c.clock('成立调查小组')).toContainText('计时中');
  await c.act('开始调查');
  await expect(c.clock('成立调查小组')).toContainText('按时完成');
  await expect(c.clock('完成调查核实')).toContainText('计时中');
  await c.act('添加调查记录', { 调查记录: '调取监控和鉴定记录' });
  await c.act('提交处理方案', {
    原因分析: '估价员未按标准复核',
    处理措施: '重新鉴定并补差价',
    完成期限: '2030-01-31',
    '补偿金额（元，选填）': '200',
  });
  await expect(c.state()).toHaveText('方案待批');
  await c.act('批准方案', { 意见: '同意' });
  await c.act('登记处理结果', { 处理结果: '已重新鉴定，补差价 200 元' });
  await c.act('告知客户结果', { 告知方式: '电话' });
  await expect(c.state()).toHaveText('待回访');

  // unsatisfied without a reason: refused, nothing changes
  await page.getByRole('group', { name: '可执行的操作' }).getByRole('button', { name: '客户回访', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '客户回访' });
  await dialog.getByLabel('客户满意度').selectOption({ label: '不满意' });
  await dialog.getByRole('button', { name: '客户回访', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('客户不满意的理由');
  await dialog.getByLabel('客户不满意的理由').fill('补偿太少');
  await dialog.getByRole('button', { name: '客户回访', exact: true }).click();
  await expect(c.state()).toHaveText('重新处理');
  // The timeline says every value in the screen's language, never as stored.
  await expect(c.timeline()).toContainText('客户满意度 → 不满意');
  await expect(c.timeline()).toContainText('有效性与责任 → 有效投诉 · 公司责任');
  await expect(c.timeline()).toContainText('告知客户结果 → 电话');
  await expect(c.timeline()).not.toContainText(/unsatisfied|satisfied|company|phone|reopened|awaiting_callback/);

  await page.reload(); // nothing is lost in the middle
  await new QueuesPage(page).open();
  await c.openFromList(caseNo);
  await expect(c.state()).toHaveText('重新处理');

  await c.act('开始调查');
  await c.act('提交处理方案', { 原因分析: '复核后同意追加', 处理措施: '追加补偿', 完成期限: '2030-01-31' });
  await c.act('批准方案');
  await c.act('登记处理结果', { 处理结果: '追加补偿已到账' });
  await c.act('告知客户结果', { 告知方式: '电话' });
  // R4.2, the same policy's 三(五)1: the summary within 2 working days of closing; archiving meets it.
  const summaryDue = await dueShownAfter(
    page,
    () => c.act('客户回访', { 客户满意度: '满意', 通话记录: '客户满意' }),
    (at) => calendar.workingDaysDeadline(at, 2),
  );
  await expect(c.state()).toHaveText('已结案');
  await expect(c.clock('总结归档')).toContainText(summaryDue);
  await expect(c.clock('电话回访')).toContainText('按时完成');
  await c.act('归档');
  await expect(c.state()).toHaveText('已归档');
  await expect(c.clock('总结归档')).toContainText('按时完成');
  // Nothing of the workflow is left; a supervisor may still record responsibility (R8.3).
  await expect(page.getByRole('group', { name: '可执行的操作' }).getByRole('button')).toHaveText(['追究责任']);
  const timeline = c.timeline();
  for (const step of ['登记', '分派', '批准方案', '客户回访', '结案', '归档']) await expect(timeline).toContainText(step);
});

test('a courier complaint settled at the counter is archived at once, its explanation under its own label (R1.7)', async ({
  page,
  openApp,
}) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'SZ05', name: '深圳驿站', profile: '快递驿站' }, { id: 's05', name: '站长' });
  const intake = new IntakePage(page);
  await intake.typeComplaint({ name: '李四', phone: '13912345678', address: '', ref: 'SF1234567890', content: '取件时找不到包裹' });
  await intake.saveWithKeyboard();
  const caseNo = (await intake.caseNumber().textContent())!;
  await new QueuesPage(page).open();
  const c = new CasePage(page);
  await c.openFromList(caseNo);
  await c.act('当场办结', { 向客户的解释说明: '已当场找到包裹交给客户' });
  await expect(c.state()).toHaveText('已归档');
  await expect(page.getByRole('group', { name: '可执行的操作' }).getByRole('button')).toHaveText(['追究责任']);
  const handling = page.getByRole('region', { name: '处理情况' });
  await expect(handling).toContainText('当场处理说明');
  await expect(handling).toContainText('已当场找到包裹交给客户');
  const timeline = c.timeline();
  await expect(timeline).toContainText('当场办结');
  await expect(timeline).toContainText('当场处理说明 → 已当场找到包裹交给客户');
  await expect(timeline).toContainText('状态 → 已归档');
  await expect(timeline.getByRole('listitem')).toHaveCount(3); // registered, settled, archived
});

test('right after saving, the clerk settles the complaint at the counter without leaving the intake screen; it is archived', async ({
  page,
  openApp,
}) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'HZ07', name: '杭州驿站', profile: '快递驿站' }, { id: 'c07', name: '柜员' });
  const intake = new IntakePage(page);
  await intake.typeComplaint({ name: '周七', phone: '13712345678', address: '', ref: 'YT9876543210', content: '包裹外包装有破损' });
  await intake.saveWithKeyboard();
  await expect(intake.caseNumber()).toBeVisible();
  await page.getByRole('group', { name: '可执行的操作' }).getByRole('button', { name: '当场办结' }).click();
  const dialog = page.getByRole('dialog', { name: '当场办结' });
  await dialog.getByLabel('向客户的解释说明').fill('当场开箱检查，物品完好，客户认可');
  await dialog.getByRole('button', { name: '当场办结' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已归档' })).toBeVisible();
  await expect(page.getByRole('group', { name: '可执行的操作' })).toHaveCount(0);
});

test('a report (举报) goes to the supervisor: the clerk is told so, and offered none of the counter’s decisions', async ({
  page,
  openApp,
}) => {
  await openApp();
  await new FirstRunPage(page).setUp(
    { code: 'WH09', name: '武汉九店', profile: '典当行' },
    { id: 'a09', name: '管理员' },
    { staff: [{ id: 'c09', name: '柜员', role: '登记员' }] },
  );
  // The clerk at the counter signs in (the first run's person is the branch's administrator).
  await new Session(page).switchTo({ staffId: 'c09', name: '柜员', role: 'clerk' });
  const intake = new IntakePage(page);
  await intake.typeComplaint({ name: '匿名', phone: '13612345678', address: '', ref: '', content: '反映柜员私下收取费用' });
  await page.getByLabel('举报（检举）件，直接转主管').check();
  await intake.saveWithKeyboard();
  await expect(intake.caseNumber()).toBeVisible();
  await expect(page.getByText('举报件已直接转主管，主管已收到通知')).toBeVisible();
  await expect(page.getByRole('group', { name: '可执行的操作' })).toHaveCount(0);
});

// A real 1×1 PNG, so the thumbnail decodes.
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('a photo of evidence and the scanned signed form are attached and shown as thumbnails; other files are refused', async ({
  page,
  openApp,
}) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'XM13', name: '厦门十三店', profile: '典当行' }, { id: 's13', name: '主管' });
  const intake = new IntakePage(page);
  await intake.typeComplaint({ name: '陈八', phone: '13512345678', address: '', ref: 'DP-X', content: '当物有划痕' });
  await intake.saveWithKeyboard();
  const caseNo = (await intake.caseNumber().textContent())!;
  await new QueuesPage(page).open();
  await new CasePage(page).openFromList(caseNo);
  const inputs = page.locator('section[aria-labelledby="attachments-title"] input[type=file]');
  await inputs.nth(0).setInputFiles({ name: '划痕.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  await expect(page.getByRole('img', { name: '证据: 划痕.png' })).toBeVisible();
  await inputs.nth(1).setInputFiles({ name: '登记表.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  await expect(page.getByRole('img', { name: '签字登记表: 登记表.png' })).toBeVisible();
  await inputs.nth(0).setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByRole('alert')).toHaveText('只能添加照片（JPEG、PNG、WebP）或 PDF');
  await expect(page.getByRole('list', { name: '处理记录' })).toContainText('添加证据');
});
