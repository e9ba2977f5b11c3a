import type { Page, TestInfo } from '@playwright/test';
import { translate } from '../../shared/i18n/translate';
import { expect, test } from './fixtures';
import { FirstRunPage, Session } from './pages/app';
import { archiveAtTheCounter, closedLoopbackUrl, enrolmentCode, HeadOfficeSettings, SyncBar } from './pages/sync';
import { seriousViolations } from './pages/axe';

/**
 * Head-office sync as the branch sees it, browser edition, with no head office running: enrolment
 * from the settings, and the app bar's state in words. (Head office up, cases arriving and the
 * count falling to zero is hq/'s end-to-end test: it reuses these page objects.)
 */

/** A picture of the screen for a person to look at, kept with the test's results. */
async function picture(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

test('a supervisor enrols the branch: a malformed code is refused in words, a loopback code enrols, an archived case waits and the network error is said in words', async ({
  page,
  openApp,
}, testInfo) => {
  test.setTimeout(120_000);
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'SZ05', name: '深圳驿站', profile: '快递驿站' }, { id: 's05', name: '站长' });
  const bar = new SyncBar(page);
  await bar.expectState('未连接总部');
  await picture(page, testInfo, 'zh-CN-1-appbar-not-connected');

  const settings = new HeadOfficeSettings(page);
  await settings.open();
  await expect(settings.section()).toContainText('本网点尚未在总部注册');
  await settings.enrol('countersign://enrol?hq=http://hq.example.cn&branch=SZ05&secret=x');
  // The store host's answer, translated: head office must be reached over https (loopback aside).
  await expect(settings.codeField()).toHaveAttribute('aria-invalid', 'true');
  await expect(settings.codeField()).toHaveAccessibleDescription(translate('zh-CN', 'errors.enrolment.address'));
  await picture(page, testInfo, 'zh-CN-2-settings-refused');
  expect(await seriousViolations(page)).toEqual([]);

  const hqUrl = await closedLoopbackUrl();
  await settings.enrol(enrolmentCode(hqUrl, 'SZ05'));
  await expect(settings.section().getByRole('status')).toHaveText('已在总部注册');
  await expect(settings.codeField()).toHaveValue('');
  await expect(settings.enrolment()).toHaveText([hqUrl, 'SZ05', /保存在本浏览器为本应用保留的存储中/]);
  await expect(settings.section().getByRole('button', { name: '重新注册' })).toBeVisible();
  // Connected now (with nothing to send, the engine's run counts as synced without reaching head office).
  await expect(bar.item()).not.toHaveAccessibleName('总部同步：未连接总部');
  expect(await seriousViolations(page)).toEqual([]);
  await settings.section().scrollIntoViewIfNeeded();
  await picture(page, testInfo, 'zh-CN-3-settings-enrolled');

  // Archived while head office cannot be reached: the case waits, and the bar says why in words.
  await archiveAtTheCounter(page, { name: '李四', phone: '13912345678', ref: 'SF1234567890', content: '取件时找不到包裹' });
  await bar.expectState(/^总部同步：1 件待发送 · 无法连接总部，.+ 重试$/);
  await picture(page, testInfo, 'zh-CN-4-appbar-waiting-network');

  await bar.openDetails();
  await expect(bar.detail('总部地址')).toHaveText(hqUrl);
  await expect(bar.detail('待发送')).toHaveText('1 件');
  await expect(bar.detail('上次出错')).toHaveText('无法连接总部');
  await picture(page, testInfo, 'zh-CN-5-appbar-details');
  expect(await seriousViolations(page)).toEqual([]);
  // Sync now, from the keyboard: head office is still down, so the case still waits.
  await bar.syncNow().focus();
  await page.keyboard.press('Enter');
  await expect(bar.detail('上次出错')).toHaveText('无法连接总部');
  await expect(bar.detail('待发送')).toHaveText('1 件');
  await bar.closeDetails();

  await page.getByLabel('界面语言').click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(
    page.getByRole('button', { name: /^Head office sync: 1 case waiting · Head office unreachable, retrying at / }),
  ).toBeVisible();
  await picture(page, testInfo, 'en-4-appbar-waiting-network');
  await page.getByRole('tab', { name: 'Branch settings' }).click();
  await expect(page.getByRole('region', { name: 'Head office', exact: true })).toContainText("Kept in this browser's storage for the app");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('region', { name: 'Head office', exact: true }).scrollIntoViewIfNeeded();
  await picture(page, testInfo, 'en-3-settings-enrolled');
});

test('a clerk sees where sync stands but neither "Sync now" nor the enrolment', async ({ page, openApp }) => {
  await openApp();
  await new FirstRunPage(page).setUp(
    { code: 'HZ07', name: '杭州驿站', profile: '快递驿站' },
    { id: 's07', name: '站长' },
    { staff: [{ id: 'c07', name: '柜员', role: '登记员' }] },
  );
  const settings = new HeadOfficeSettings(page);
  await settings.open();
  await settings.enrol(enrolmentCode(await closedLoopbackUrl(), 'HZ07'));
  await expect(settings.section().getByRole('status')).toHaveText('已在总部注册');

  await new Session(page).switchTo({ staffId: 'c07', name: '柜员', role: 'clerk' });
  const bar = new SyncBar(page);
  await expect(bar.item()).not.toHaveAccessibleName('总部同步：未连接总部');
  const details = await bar.openDetails();
  await expect(details.getByRole('definition').first()).toBeVisible();
  await expect(bar.syncNow()).toHaveCount(0);
  await bar.closeDetails();
  await settings.open();
  await expect(settings.section()).toHaveCount(0);
});
