/**
 * Reports, major and urgent complaints go up to the supervisor at once (R1.1, R1.5): where they
 * land, who may act on them before and after the supervisor's acknowledgement, and the emergency
 * procedure's alert and steps.
 */
import { expect, test, type Page } from './fixtures';
import { CasePage, EscalationShell, FirstRunPage, IntakePage, QueuesPage, Session } from './pages/app';

const SUPERVISOR = { staffId: 's21', name: '主管甲', role: 'supervisor' } as const;
const CLERK = { staffId: 'c21', name: '柜员乙', role: 'clerk' } as const;
const ADMIN = { staffId: 'a21', name: '管理员丙', role: 'admin' } as const;

/** A branch whose first-run person is the supervisor, with a clerk and an administrator; the clerk is at the PC. */
async function branchWithClerkAtTheCounter(page: Page, code: string) {
  await new FirstRunPage(page).setUp(
    { code, name: '武汉二十一店', profile: '典当行' },
    { id: SUPERVISOR.staffId, name: SUPERVISOR.name },
    {
      staff: [
        { id: CLERK.staffId, name: CLERK.name, role: '登记员' },
        { id: ADMIN.staffId, name: ADMIN.name, role: '管理员' },
      ],
    },
  );
  await expect(new IntakePage(page).heading).toBeVisible();
  await new Session(page).switchTo(CLERK);
}

async function registerAtTheCounter(page: Page, content: string, extra: (page: Page) => Promise<void>) {
  const intake = new IntakePage(page);
  await intake.typeComplaint({ name: '赵先生', phone: '13612345678', address: '', ref: 'DP2026112300021', content });
  await extra(page);
  await intake.saveWithKeyboard();
  await expect(intake.caseNumber()).toBeVisible();
  return (await intake.caseNumber().textContent())!;
}

async function openCase(page: Page, caseNo: string, queue = '全部') {
  await new QueuesPage(page).open();
  await page.getByRole('tab', { name: queue, exact: true }).click();
  await new CasePage(page).openFromList(caseNo);
}

test('a report letter registered by a clerk lands in every supervisor’s “mine” with its notification, not in “unassigned” (R1.1)', async ({
  page,
  openApp,
}) => {
  test.setTimeout(150_000);
  await openApp();
  await branchWithClerkAtTheCounter(page, 'WH21');
  const caseNo = await registerAtTheCounter(page, '反映柜员私下收取鉴定费', async (p) => {
    await p.getByLabel('受理渠道').selectOption({ label: '信函' });
    await p.getByLabel('举报（检举）件，直接转主管').check();
  });
  await expect(page.getByText('举报件已直接转主管，主管已收到通知')).toBeVisible();
  // Nothing at the counter is the clerk's to decide on a report: not even offered.
  await expect(page.getByRole('group', { name: '可执行的操作' })).toHaveCount(0);
  const shell = new EscalationShell(page);
  await expect(shell.badge()).toHaveCount(0); // the count is the supervisor's

  const queues = new QueuesPage(page);
  await queues.open();
  await page.getByRole('tab', { name: '未分派' }).click();
  await expect(page.getByText('共 0 件')).toBeVisible();
  await expect(queues.row(caseNo)).toHaveCount(0);

  for (const supervisor of [SUPERVISOR, ADMIN]) {
    await new Session(page).switchTo(supervisor);
    await expect(shell.badge()).toHaveAccessibleName('待确认的主管通知：1');
    const list = await shell.openList();
    await expect(list).toContainText(`${caseNo} · 举报件`);
    await page.keyboard.press('Escape');
    await queues.open();
    await page.getByRole('tab', { name: '我的' }).click();
    await expect(queues.row(caseNo)).toHaveCount(1);
    await page.getByRole('tab', { name: '未分派' }).click();
    await expect(page.getByText('共 0 件')).toBeVisible();
    await expect(queues.row(caseNo)).toHaveCount(0);
  }

  // From the notification to the case: why and when the supervisor was told, in the case's history.
  await (await shell.openList()).getByRole('button', { name: new RegExp(caseNo) }).click();
  await expect(page.getByRole('heading', { name: caseNo })).toBeVisible();
  await expect(page.getByRole('region', { name: '主管通知' })).toContainText('举报件 · 已于');
  await expect(page.getByRole('region', { name: '主管通知' })).toContainText('待主管确认');
  await expect(new CasePage(page).timeline()).toContainText('已通知主管');
});

test('a major complaint: a clerk cannot settle it at the counter until a supervisor acknowledges it; then the clerk can (R1.5)', async ({
  page,
  openApp,
}) => {
  test.setTimeout(150_000);
  await openApp();
  await branchWithClerkAtTheCounter(page, 'WH22');
  const caseNo = await registerAtTheCounter(page, '当物遗失，金额较大', async (p) => {
    await p.getByLabel('严重程度').selectOption({ label: '重大' });
  });
  await expect(page.getByText('重大投诉已通知主管')).toBeVisible();
  await expect(page.getByRole('group', { name: '可执行的操作' })).toHaveCount(0);

  const c = new CasePage(page);
  await openCase(page, caseNo);
  await expect(page.getByRole('region', { name: '主管通知' })).toContainText('待主管确认');
  await expect(page.getByRole('button', { name: '当场办结' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: '可执行的操作' })).toHaveCount(0);

  await new Session(page).switchTo(SUPERVISOR);
  await openCase(page, caseNo, '我的');
  await c.act('主管确认');
  await expect(page.getByRole('region', { name: '主管通知' })).toContainText(`${SUPERVISOR.staffId} 已于`);
  await expect(c.timeline()).toContainText('主管已确认');
  await expect(new EscalationShell(page).badge()).toHaveAccessibleName('待确认的主管通知：0');

  await new Session(page).switchTo(CLERK);
  await openCase(page, caseNo, '未分派');
  await c.act('当场办结', { 向客户的解释说明: '已找回当物并当面交还，客户认可' });
  await expect(c.state()).toHaveText('已归档'); // settled at the counter is archived in the same step (R1.7)
});

test('an urgent complaint: the alert is seen from other screens by the counter and the supervisor; emergency steps are recorded with who took them (R1.5)', async ({
  page,
  openApp,
}) => {
  test.setTimeout(150_000);
  await openApp();
  await branchWithClerkAtTheCounter(page, 'WH23');
  const caseNo = await registerAtTheCounter(page, '店内燃气泄漏，客户头晕', async (p) => {
    await p.getByLabel('严重程度').selectOption({ label: '紧急' });
  });
  await expect(page.getByText('紧急投诉：已启动应急处置并立即通知主管')).toBeVisible();
  const shell = new EscalationShell(page);

  // The counter sees the alert on another screen, and follows its link to the case.
  await new QueuesPage(page).open();
  await expect(shell.urgentAlert(caseNo)).toBeVisible();
  await shell
    .urgentAlert(caseNo)
    .getByRole('button', { name: `打开 ${caseNo}` })
    .click();
  await expect(page.getByRole('heading', { name: caseNo })).toBeVisible();
  const c = new CasePage(page);
  // Before the supervisor acknowledges, the emergency steps are all the counter may take.
  await expect(page.getByRole('group', { name: '可执行的操作' }).getByRole('button')).toHaveText(['记录应急处置']);
  await c.act('记录应急处置', { 采取的应急处置: '疏散店内客户，关闭燃气总阀' });
  const steps = page.getByRole('list', { name: '应急处置记录' });
  await expect(steps).toContainText('疏散店内客户，关闭燃气总阀');
  await expect(steps).toContainText(CLERK.staffId);
  await expect(c.timeline()).toContainText('应急处置');

  // The supervisor is alerted on whatever screen is open: here the branch settings.
  await new Session(page).switchTo(SUPERVISOR);
  await page.getByRole('tab', { name: '网点设置' }).click();
  await expect(page.getByRole('heading', { name: '网点设置' })).toBeVisible();
  await expect(shell.urgentAlert(caseNo)).toBeVisible();
  await shell
    .urgentAlert(caseNo)
    .getByRole('button', { name: `打开 ${caseNo}` })
    .click();
  await expect(page.getByRole('heading', { name: caseNo })).toBeVisible();
  await c.act('记录应急处置', { 采取的应急处置: '已拨打燃气公司抢修电话，陪同客户就医' });
  await expect(steps).toContainText(SUPERVISOR.staffId);
  await c.act('主管确认');
  await expect(shell.urgentAlert(caseNo)).toHaveCount(0);
  await expect(page.getByRole('region', { name: '主管通知' })).toContainText(`${SUPERVISOR.staffId} 已于`);

  await page.reload(); // acknowledged stays acknowledged
  await expect(page.getByRole('tab', { name: '登记投诉' })).toBeVisible();
  await expect(shell.urgentAlert(caseNo)).toHaveCount(0);
});
