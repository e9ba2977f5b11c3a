import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/app';

/**
 * The branch's settings say where the deadline policy in force comes from; a supervisor's own
 * change makes it the branch's, and the way back restores the policy it came from. Screenshots
 * in zh-CN and en to look at. (Head office's published policy arriving by sync: tests/hq/policies.test.ts.)
 */
test("the settings say where the deadline policy comes from; a supervisor goes back from the branch's own", async ({
  page,
  openApp,
}, testInfo) => {
  await openApp();
  await new FirstRunPage(page).setUp({ code: 'NJ13', name: '南京十三店', profile: '物业管理' }, { id: 's13', name: '主管' });
  await page.getByRole('tab', { name: '网点设置' }).click();
  const source = page.locator('#policy-source');
  await expect(source).toHaveText('时限规定来源：系统默认');

  await page.getByLabel('转派责任部门 时长').fill('2');
  await page.getByRole('button', { name: '保存时限与日历' }).click();
  await expect(source).toHaveText('时限规定来源：本网点自行修改');
  await source.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('policy-source-zh-CN.png') });

  await page.getByLabel('界面语言').first().click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(source).toHaveText('Deadline policy: changed at this branch');
  await source.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('policy-source-en.png') });

  await page.getByRole('button', { name: "Use head office's policy (the bundled one if head office has none)" }).click();
  await expect(source).toHaveText('Deadline policy: bundled default');
  await expect(page.getByLabel('Forward to department amount')).toHaveValue('1');
});
