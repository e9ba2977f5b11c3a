/**
 * `npm run screenshots`: every screen of the browser edition in zh-CN and en, as PNG files in
 * screenshots/ (git-ignored), to look at after changing a screen.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Locator, type Page } from 'playwright';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../tests/chromium';

const OUT = 'screenshots';
mkdirSync(OUT, { recursive: true });
const server = await createServer({ configFile: 'renderer/vite.config.ts', logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
await server.listen();
const address = server.httpServer?.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });

async function shot(page: Page, name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
  console.log(`${OUT}/${name}.png`);
}

/** A form field by its label exactly (MUI appends " *" to required ones). */
function field(page: Page | Locator, label: string) {
  return page.getByLabel(new RegExp(`^${label}[\\s\\u2009]*\\*?$`));
}

async function chooseLanguage(page: Page, label: string, language: string) {
  await page.getByLabel(label).click();
  await page.getByRole('option', { name: language }).click();
}

try {
  for (const locale of ['zh-CN', 'en'] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(base);
    if (locale === 'en') await chooseLanguage(page, '界面语言', 'English');
    await page.getByRole('button').first().waitFor();
    await shot(page, `${locale}-1-first-run`);
    const L =
      locale === 'en'
        ? {
            code: 'Branch code',
            name: 'Branch name',
            staff: 'Your staff id',
            staffName: 'Your name',
            password: 'Password',
            passwordAgain: 'Password again',
            save: 'Save and start registering',
            person: 'Complainant name',
            phone: 'Contact phone',
            content: 'Complaint',
            list: 'Complaints',
          }
        : {
            code: '网点代码',
            name: '网点名称',
            staff: '您的工号',
            staffName: '您的姓名',
            password: '设置密码',
            passwordAgain: '再次输入密码',
            save: '保存并开始登记',
            person: '投诉人姓名',
            phone: '联系电话',
            content: '投诉内容',
            list: '投诉列表',
          };
    await field(page, L.code).fill('BJ01');
    await field(page, L.name).fill('北京朝阳一店');
    await field(page, L.staff).fill('c01');
    await field(page, L.staffName).fill('张敏');
    await field(page, L.password).fill('counter-admin-01');
    await field(page, L.passwordAgain).fill('counter-admin-01');
    await page.getByRole('button', { name: L.save }).click();
    await field(page, L.person).waitFor();
    await shot(page, `${locale}-2-intake`);
    // The received time's picker, open: in the screen's language.
    await page
      .getByRole('group', { name: locale === 'en' ? 'Received at' : '受理时间' })
      .getByRole('button')
      .click();
    await page.getByRole('dialog').waitFor();
    await shot(page, `${locale}-2a-intake-picker`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await field(page, L.person).fill('王小明 <img src=x onerror=alert(1)>');
    await field(page, L.phone).fill('12345');
    await field(page, L.content).fill('金饰鉴定估价明显偏低，要求重新鉴定并说明依据。');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('alert').waitFor();
    await shot(page, `${locale}-3-intake-invalid`);
    // A Hong Kong number typed with a full-width IME (shown converted on leaving the field) and a passport.
    await field(page, L.phone).fill('＋８５２　９１２３　４５６７');
    await page.keyboard.press('Tab');
    await page.getByLabel(locale === 'en' ? 'ID document type' : '证件类型').selectOption('passport');
    await page.getByLabel(locale === 'en' ? 'ID document number (optional)' : '证件号码（选填）').fill('E12345678');
    await shot(page, `${locale}-3a-intake-corrected`);
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('case-no').waitFor();
    await shot(page, `${locale}-4-saved`);
    await page.getByRole('tab', { name: L.list }).click();
    await page.getByRole('table').waitFor();
    await shot(page, `${locale}-5-complaints`);
    await page.getByRole('row').nth(1).getByRole('button').click();
    await page.getByRole('table').first().waitFor();
    await shot(page, `${locale}-6-case`);
    const C =
      locale === 'en'
        ? {
            assign: 'Assign',
            department: 'Responsible department',
            assignee: "Handler's staff id",
            correct: 'Edit registration',
            cancel: 'Cancel',
            link: 'Case number to link',
          }
        : {
            assign: '分派',
            department: '责任部门',
            assignee: '经办人工号',
            correct: '修改登记内容',
            cancel: '取消',
            link: '要关联的案件编号',
          };
    await page.getByRole('button', { name: C.assign, exact: true }).click();
    const assign = page.getByRole('dialog', { name: C.assign });
    await field(assign, C.department).fill('鉴定部');
    await field(assign, C.assignee).fill('h01');
    await shot(page, `${locale}-6a-assign-dialog`);
    await assign.getByRole('button', { name: C.assign, exact: true }).click();
    await assign.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: C.correct }).click();
    await page.getByRole('dialog', { name: C.correct }).waitFor();
    await shot(page, `${locale}-6b-correct-dialog`);
    await page.getByRole('button', { name: C.cancel }).click();
    await field(page, C.link).fill('BJ01-20991231-001');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    await shot(page, `${locale}-6c-case-assigned`);
    await page.getByRole('button', { name: locale === 'en' ? 'Customer Complaint Registration Form' : '客户投诉登记表' }).click();
    await page.frameLocator('iframe').getByText('BJ01-').first().waitFor();
    await shot(page, `${locale}-6d-print-preview`);
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: locale === 'en' ? 'Branch settings' : '网点设置' }).click();
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await shot(page, `${locale}-7-settings`);
    // An anonymous report (R1.1): no name, no way of contact; the case page says why no callback runs.
    await page.getByRole('tab', { name: locale === 'en' ? 'Register' : '登记投诉' }).click();
    await field(page, L.content).fill('举报柜员私下收取好处费，信中未署名。');
    await page.getByLabel(locale === 'en' ? 'Report of misconduct: goes straight to the supervisor' : '举报（检举）件，直接转主管').check();
    await page.getByLabel(locale === 'en' ? 'Anonymous report (no name, no way of contact)' : '匿名举报（不留姓名和联系方式）').check();
    await shot(page, `${locale}-8-intake-anonymous`);
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('case-no').waitFor();
    await page.getByRole('tab', { name: L.list }).click();
    await page.getByRole('table').waitFor();
    await page.getByRole('row').nth(1).getByRole('button').click();
    await page.getByRole('table').first().waitFor();
    await shot(page, `${locale}-9-case-anonymous`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
