import { expect, test } from './fixtures';
import { CasePage, FirstRunPage, IntakePage, QueuesPage } from './pages/app';

test('first run takes departments and staff; the branch adds its own category and retires one; the list filters by assignee', async ({
  page,
  openApp,
}) => {
  test.setTimeout(90_000);
  await openApp();
  await new FirstRunPage(page).setUp(
    { code: 'SH03', name: '上海徐汇三店', profile: '典当行' },
    { id: 's03', name: '主管丙' },
    {
      departments: ['鉴定部', '业务部'],
      staff: [
        { id: 'h31', name: '鉴定师李', role: '经办人' },
        { id: 'h32', name: '业务员赵', role: '经办人' },
      ],
    },
  );
  const intake = new IntakePage(page);
  await expect(intake.heading).toBeVisible();

  await page.getByRole('tab', { name: '网点设置' }).click();
  await expect(page.getByRole('list', { name: '部门' })).toContainText('鉴定部');
  await expect(page.getByRole('list', { name: '部门' })).toContainText('业务部');
  await expect(page.getByLabel('工号 1')).toHaveValue('s03');
  await expect(page.getByLabel('姓名 2')).toHaveValue('鉴定师李');
  await expect(page.getByLabel('角色 3')).toHaveValue('handler');

  await page.getByLabel('新类别名称').fill('线上预约');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '停用 鉴定估价' }).click();
  await page.getByRole('button', { name: '保存类别' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();

  await page.getByRole('tab', { name: '登记投诉' }).click();
  const category = page.getByLabel('投诉类别');
  await expect(category.locator('option', { hasText: '线上预约' })).toHaveCount(1);
  await expect(category.locator('option', { hasText: '鉴定估价' })).toHaveCount(0);
  await page.getByLabel('投诉人姓名').fill('钱女士');
  await page.getByLabel('联系电话').fill('13912345678');
  await category.selectOption({ label: '线上预约' });
  await page.getByLabel('投诉内容').fill('线上预约赎当后到店仍需排队两小时');
  await intake.saveWithKeyboard();
  const assigned = (await intake.caseNumber().textContent())!;
  await page.getByRole('group', { name: '可执行的操作' }).getByRole('button', { name: '分派' }).click();
  const dialog = page.getByRole('dialog', { name: '分派' });
  // The department and staff lists are offered as suggestions while typing.
  await expect(dialog.locator('datalist option[value="业务部"]')).toHaveCount(1);
  await expect(dialog.locator('datalist option[value="h32"]')).toHaveCount(1);
  await dialog.getByLabel('责任部门').fill('业务部');
  await dialog.getByLabel('经办人工号').fill('h32');
  await dialog.getByRole('button', { name: '分派', exact: true }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: '登记下一件' }).click();
  await intake.typeComplaint({ name: '孙先生', phone: '13700001111', address: '', ref: 'DP2026112300002', content: '续当息费多收' });
  await intake.saveWithKeyboard();
  const unassigned = (await intake.caseNumber().textContent())!;

  const queues = new QueuesPage(page);
  await queues.open();
  await expect(queues.row(assigned)).toContainText('线上预约');
  await page.getByLabel('经办人', { exact: true }).selectOption({ label: '业务员赵 (h32)' });
  await expect(queues.row(assigned)).toHaveCount(1);
  await expect(queues.row(unassigned)).toHaveCount(0);
  await page.getByLabel('经办人', { exact: true }).selectOption({ label: '未分派' });
  await expect(queues.row(unassigned)).toHaveCount(1);
  await expect(queues.row(assigned)).toHaveCount(0);
});

test('a clerk corrects the registration from the case page and links a repeat complaint to the first one', async ({ page, openApp }) => {
  test.setTimeout(90_000);
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'GZ05', name: '广州天河驿站', profile: '快递驿站' }, { id: 'c05', name: '店员' });
  const intake = new IntakePage(page);
  await intake.typeComplaint({
    name: '周先生',
    phone: '13600002222',
    address: '天河路1号',
    ref: 'YT8800001',
    content: '包裹外箱破损，内物摔坏',
  });
  await intake.saveWithKeyboard();
  const first = (await intake.caseNumber().textContent())!;
  await page.getByRole('button', { name: '登记下一件' }).click();
  await intake.typeComplaint({
    name: '周先生',
    phone: '13600002222',
    address: '天河路1号',
    ref: 'YT8800001',
    content: '再次投诉：破损包裹无人处理',
  });
  await intake.saveWithKeyboard();
  const repeat = (await intake.caseNumber().textContent())!;

  await new QueuesPage(page).open();
  const c = new CasePage(page);
  await c.openFromList(repeat);

  // A wrong phone number is refused inline; what was typed stays; a good one is saved and logged.
  await page.getByRole('group', { name: '可执行的操作' }).getByRole('button', { name: '修改登记内容' }).click();
  const dialog = page.getByRole('dialog', { name: '修改登记内容' });
  await expect(dialog.getByLabel('运单号')).toHaveValue('YT8800001');
  await dialog.getByLabel('联系电话').fill('1360000');
  await dialog.getByLabel('投诉内容').fill('再次投诉：破损包裹三天无人处理');
  await dialog.getByRole('button', { name: '修改登记内容' }).click();
  await expect(dialog.getByText('电话号码格式不对：手机 11 位，座机需带区号')).toBeVisible();
  await expect(dialog.getByLabel('投诉内容')).toHaveValue('再次投诉：破损包裹三天无人处理');
  await dialog.getByLabel('联系电话').fill('13600003333');
  await dialog.getByRole('button', { name: '修改登记内容' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('13600003333', { exact: true })).toBeVisible();
  await expect(page.getByText('再次投诉：破损包裹三天无人处理', { exact: true })).toBeVisible();
  await expect(c.timeline()).toContainText('投诉内容 → 再次投诉：破损包裹三天无人处理');
  await expect(c.timeline()).toContainText('修改登记');

  await page.getByLabel('要关联的案件编号').fill('GZ05-20991231-001');
  await page.getByRole('button', { name: '关联案件' }).click();
  await expect(page.getByRole('alert')).toHaveText('没有该编号的案件');
  await page.getByLabel('要关联的案件编号').fill(first.toLowerCase());
  await page.getByRole('button', { name: '关联案件' }).click();
  const related = page.getByRole('list', { name: '关联案件' });
  await expect(related).toContainText(first);
  await expect(c.timeline()).toContainText('关联案件');
  await related.getByRole('button', { name: first }).click();
  await expect(page.getByRole('heading', { name: first })).toBeVisible();
  await expect(page.getByText('包裹外箱破损，内物摔坏')).toBeVisible();
});
