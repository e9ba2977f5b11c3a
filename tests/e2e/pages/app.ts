import { expect, type Locator, type Page } from '@playwright/test';

/** Page objects: one per screen, shared by the web and electron projects. */

type SectionKind = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'meridiem';

/** The sections of a date picker's field, by their accessible names in the three languages. */
const SECTION_KINDS: Record<string, SectionKind> = {
  年份: 'year',
  Year: 'year',
  月份: 'month',
  Month: 'month',
  日期: 'day',
  Day: 'day',
  时: 'hour',
  時: 'hour',
  Hours: 'hour',
  分: 'minute',
  Minutes: 'minute',
  十二小时制: 'meridiem',
  十二小時制: 'meridiem',
  Meridiem: 'meridiem',
};

/**
 * A date picker's field (MUI X): the group named by the field's label, one spinbutton a section.
 * Whatever order the screen's language shows them in, each section is clicked and typed into.
 */
export function pickerField(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('group', { name: label, exact: true });
}

/** What a picker's field shows, as one text (`2026/11/20 08:30`): its hidden input holds it. */
export function pickerShown(field: Locator): Locator {
  return field.locator('input');
}

/** Types `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` into a picker's field, section by section, from the keyboard. */
export async function fillPicker(field: Locator, value: string): Promise<void> {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) throw new Error(`not a date or date and time: ${value}`);
  const [, year, month, day, hour, minute] = m;
  const sections = field.getByRole('spinbutton');
  const kinds = await sections.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  const at = (kind: SectionKind) => kinds.findIndex((label) => SECTION_KINDS[label] === kind);
  const twelveHour = at('meridiem') >= 0;
  const typed: [SectionKind, string | undefined][] = [
    ['year', year],
    ['month', month],
    ['day', day],
    ['hour', hour === undefined ? undefined : twelveHour ? String(((Number(hour) + 11) % 12) + 1).padStart(2, '0') : hour],
    ['minute', minute],
    ['meridiem', hour === undefined || !twelveHour ? undefined : Number(hour) < 12 ? 'A' : 'P'],
  ];
  // A re-render of the page while typing (a live status arriving) can swallow keys: what the field
  // shows is checked, and typed again (each section is overwritten, so typing twice is harmless).
  const numbers = typed.flatMap(([kind, text]) => (text === undefined || kind === 'meridiem' ? [] : [text]));
  for (let attempt = 1; ; attempt++) {
    for (const [kind, text] of typed) {
      if (text === undefined) continue;
      const i = at(kind);
      if (i < 0) throw new Error(`the picker has no ${kind} section (sections: ${kinds.join(', ')})`);
      await sections.nth(i).click();
      await sections.nth(i).pressSequentially(text);
    }
    const shown = await pickerShown(field).inputValue();
    if (numbers.every((n) => shown.includes(n))) return;
    if (attempt === 3) throw new Error(`the picker shows "${shown}" after ${value} was typed three times`);
  }
}
/** The first administrator's password in the specs (the first run asks for one). */
export const ADMIN_PASSWORD = 'counter-admin-01';

export class FirstRunPage {
  constructor(private readonly page: Page) {}

  async setUp(
    branch: { code: string; name: string; profile: string; phone?: string },
    staff: { id: string; name: string; password?: string },
    org: { departments?: string[]; staff?: { id: string; name: string; role?: string }[] } = {},
  ) {
    await this.page.getByLabel('网点代码').fill(branch.code);
    await this.page.getByLabel('网点名称').fill(branch.name);
    if (branch.phone) await this.page.getByLabel('网点电话（选填）').fill(branch.phone);
    await this.page.getByLabel('业务类型').click();
    await this.page.getByRole('option', { name: branch.profile }).click();
    people.admin = staff.id;
    people.pins.clear();
    await this.page.getByLabel('您的工号').fill(staff.id);
    await this.page.getByLabel('您的姓名').fill(staff.name);
    await this.page.getByLabel('设置密码').fill(staff.password ?? ADMIN_PASSWORD);
    await this.page.getByLabel('再次输入密码').fill(staff.password ?? ADMIN_PASSWORD);
    for (const department of org.departments ?? []) {
      await this.page.getByLabel('新部门名称').fill(department);
      await this.page.keyboard.press('Enter');
    }
    for (const [i, member] of (org.staff ?? []).entries()) {
      await this.page.getByRole('button', { name: '添加员工' }).click();
      await this.page.getByLabel(`工号 ${i + 1}`).fill(member.id);
      await this.page.getByLabel(`姓名 ${i + 1}`).fill(member.name);
      if (member.role) await this.page.getByLabel(`角色 ${i + 1}`).selectOption({ label: member.role });
    }
    await this.page.getByRole('button', { name: '保存并开始登记' }).click();
  }
}

export class IntakePage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: '客户投诉登记' });
  }

  /** The clerk types while the customer talks: keyboard only, in the form's order. */
  async typeComplaint(c: { name: string; phone: string; address: string; ref: string; content: string }) {
    await expect(this.page.getByLabel('投诉人姓名')).toBeFocused();
    const k = this.page.keyboard;
    await k.type(c.name);
    await k.press('Tab');
    await k.type(c.phone);
    await k.press('Tab');
    await k.type(c.address);
    await k.press('Tab');
    await k.type(c.ref);
    await k.press('Tab'); // category: keep the default
    await k.press('Tab'); // severity: keep the default
    await k.press('Tab');
    await k.type(c.content);
  }

  async saveWithKeyboard() {
    await this.page.keyboard.press('Control+Enter');
  }

  caseNumber() {
    return this.page.getByTestId('case-no');
  }
}

export class QueuesPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole('tab', { name: '投诉列表' }).click();
  }

  row(text: string) {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  async search(text: string) {
    await this.page.getByLabel('搜索：姓名、电话、单号、内容').fill(text);
  }
}

export class CasePage {
  constructor(private readonly page: Page) {}

  async openFromList(caseNo: string) {
    await this.page.getByRole('button', { name: `打开投诉 ${caseNo}` }).click();
    await expect(this.page.getByRole('heading', { name: caseNo })).toBeVisible();
  }

  state() {
    return this.page.locator('.MuiChip-colorPrimary').first();
  }

  /** Runs one workflow action through its dialog: `fields` maps labels to values (true/false for switches). */
  async act(action: string, fields: Record<string, string | boolean> = {}) {
    await this.page.getByRole('group', { name: '可执行的操作' }).getByRole('button', { name: action, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: action });
    for (const [label, value] of Object.entries(fields)) {
      const picker = pickerField(dialog, label);
      if (await picker.count()) {
        await fillPicker(picker, value as string);
        continue;
      }
      const field = dialog.getByLabel(label);
      if (typeof value === 'boolean') await field.setChecked(value);
      else if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption({ label: value });
      else await field.fill(value);
    }
    await dialog.getByRole('button', { name: action, exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  timeline() {
    return this.page.getByRole('list', { name: '处理记录' });
  }

  deadlines() {
    return this.page.getByRole('table', { name: '处理时限' });
  }

  /** A deadline row: the clock's name, its due time and its status. */
  clock(name: string) {
    return this.deadlines().getByRole('row').filter({ hasText: name });
  }

  /** The value shown under a field's label in the case's details. */
  field(label: string) {
    return this.page.getByText(label, { exact: true }).locator('xpath=following-sibling::*[1]');
  }
}

/** Who set up the branch in this test (its administrator), and the PINs the test gave its staff. */
const people = { admin: '', pins: new Map<string, string>() };

/**
 * Who is at this PC: the person switched at the counter as a clerk does it, from the keyboard
 * (Ctrl+Shift+L, staff id, PIN, Enter). A person without a PIN yet gets one from the administrator
 * first (settings, "Set a staff member's PIN"), as a new colleague would on their first day.
 */
export class Session {
  constructor(private readonly page: Page) {}

  static secretOf(staffId: string): string | undefined {
    return staffId === people.admin ? ADMIN_PASSWORD : people.pins.get(staffId);
  }

  /** Locks the counter and signs `staffId` in, keyboard only; the screens underneath stay as they were. */
  async signInWithKeyboard(staffId: string, secret = Session.secretOf(staffId)!) {
    // Someone is signed in (the app bar names them) before the shortcut can lock.
    await expect(this.page.getByRole('button', { name: /切换人员 Ctrl\+Shift\+L/ })).toBeVisible();
    await this.page.keyboard.press('Control+Shift+L');
    const lock = this.page.getByRole('dialog', { name: '已锁定' });
    await expect(lock).toBeVisible();
    await expect(lock.getByLabel('工号')).toBeFocused();
    await this.page.keyboard.type(staffId);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(secret);
    await this.page.keyboard.press('Enter');
    await expect(lock).toBeHidden();
  }

  /** As the administrator: gives each person a PIN in settings, then returns to the intake screen. */
  async givePins(staffIds: string[]) {
    await this.page.getByRole('tab', { name: '网点设置' }).click();
    const section = this.page.getByRole('region', { name: '登录与锁定' });
    for (const id of staffIds) {
      const pin = `${id}-pin-1`;
      await section.getByLabel('员工', { exact: true }).click();
      await this.page.getByRole('option', { name: new RegExp(`\\(${id}\\)`) }).click();
      await section.getByLabel('新 PIN（至少 6 位）').fill(pin);
      await section.getByRole('button', { name: '设置 PIN' }).click();
      await expect(section.getByRole('status')).toContainText('已为');
      people.pins.set(id, pin);
    }
    await this.page.getByRole('tab', { name: '登记投诉' }).click();
  }

  /** Signs `person` in at the counter (keyboard only) and starts them at the intake screen. */
  async switchTo(person: { staffId: string; name: string; role: 'clerk' | 'handler' | 'supervisor' | 'admin' }) {
    if (!Session.secretOf(person.staffId)) {
      await this.signInWithKeyboard(people.admin);
      await this.givePins([person.staffId]);
    }
    await this.signInWithKeyboard(person.staffId);
    await expect(this.page.getByRole('button', { name: new RegExp(`^${person.name}（`) })).toBeVisible();
    // Where a new person starts: the intake screen (already there, the focus went back where it was).
    const intake = this.page.getByRole('tab', { name: '登记投诉' });
    if ((await intake.getAttribute('aria-selected')) !== 'true') await intake.click();
  }
}

/** The supervisor's notifications and the emergency alert, in the app shell over every screen (R1.1, R1.5). */
export class EscalationShell {
  constructor(private readonly page: Page) {}

  /** The supervisor's count of notifications awaiting acknowledgement (absent for other roles). */
  badge() {
    return this.page.getByRole('button', { name: /^待确认的主管通知：\d+$/ });
  }

  /** The list the badge opens: one link per unacknowledged notification. */
  async openList() {
    await this.badge().click();
    return this.page.getByRole('list', { name: '主管通知' });
  }

  urgentAlert(caseNo: string) {
    return this.page.getByRole('alert').filter({ hasText: `紧急投诉 ${caseNo}` });
  }
}
