import { createServer } from 'node:net';
import { expect, type Page } from '@playwright/test';
import { formatEnrolmentCode } from '../../../shared/sync/enrolment';
import { IntakePage } from './app';

/** Page objects of head-office sync: the app bar's item and the settings' Head office section (zh-CN). */

/** An enrolment code as `npm run hq -- enrol` prints it, for head office at `hqUrl`. */
export function enrolmentCode(hqUrl: string, branch: string): string {
  // 32 bytes, base64url: any value will do where no head office checks it.
  return formatEnrolmentCode({ hqUrl, branch, secret: 'c2VjcmV0LWZvci1lMmUtdGVzdHMtb25seS0zMi1ieXQ' });
}

/** A loopback address where nothing listens: a port the system handed out and took back. */
export async function closedLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** The app bar's sync item, its details and its progress bar. */
export class SyncBar {
  constructor(private readonly page: Page) {}

  /** The item: a button named "总部同步：" and the state in words. */
  item() {
    return this.page.getByRole('button', { name: /^总部同步：/ });
  }

  /** Waits until the item says `text` (a string it contains, or a pattern). */
  async expectState(text: string | RegExp) {
    await expect(this.item()).toHaveAccessibleName(typeof text === 'string' ? `总部同步：${text}` : text);
  }

  progress() {
    return this.page.getByRole('progressbar', { name: '发送到总部的进度' });
  }

  /** Opens the details popover from the keyboard and returns it. */
  async openDetails() {
    await this.item().focus();
    await this.page.keyboard.press('Enter');
    const details = this.page.getByRole('dialog', { name: '总部同步' });
    await expect(details).toBeVisible();
    return details;
  }

  /** One line of the details by its label (地址, 待发送, 上次出错, …): the value shown next to it. */
  detail(label: string) {
    return this.page
      .getByRole('dialog', { name: '总部同步' })
      .locator(`xpath=.//dt[normalize-space()="${label}"]/following-sibling::dd[1]`);
  }

  syncNow() {
    return this.page.getByRole('dialog', { name: '总部同步' }).getByRole('button', { name: '立即同步' });
  }

  async closeDetails() {
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByRole('dialog', { name: '总部同步' })).toBeHidden();
  }
}

/** Branch settings → Head office (supervisors only). */
export class HeadOfficeSettings {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole('tab', { name: '网点设置' }).click();
    await expect(this.page.getByRole('heading', { name: '网点设置' })).toBeVisible();
  }

  section() {
    return this.page.getByRole('region', { name: '总部', exact: true });
  }

  codeField() {
    return this.section().getByLabel('注册码');
  }

  /** Pastes the code and presses Enter (the form's submit), as a supervisor would. */
  async enrol(code: string) {
    await this.codeField().fill(code);
    await this.codeField().press('Enter');
  }

  /** What the section shows once enrolled: address, branch code, how the secret is kept. */
  enrolment() {
    return this.section().getByRole('definition');
  }
}

/** The counter registers a complaint and settles it at once: it is archived in the same step (R1.7). */
export async function archiveAtTheCounter(page: Page, complaint: { name: string; phone: string; ref: string; content: string }) {
  const tab = page.getByRole('tab', { name: '登记投诉' });
  // Clicking the tab it is already on would take the focus from the form's first field.
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  const intake = new IntakePage(page);
  await intake.typeComplaint({ ...complaint, address: '' });
  await intake.saveWithKeyboard();
  await expect(intake.caseNumber()).toBeVisible();
  await page.getByRole('group', { name: '可执行的操作' }).getByRole('button', { name: '当场办结' }).click();
  const dialog = page.getByRole('dialog', { name: '当场办结' });
  await dialog.getByLabel('向客户的解释说明').fill('当场处理完毕，客户认可');
  await dialog.getByRole('button', { name: '当场办结' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已归档' })).toBeVisible();
}
