/**
 * Screen texts of the monthly report (renderer/features/settings/ReportsSection.tsx). The report's
 * own words (its page, its spreadsheet) and the store's refusals are in shared/reports/messages.ts.
 */
export const reportUi = {
  'zh-CN': {
    'reports.ui.title': '月度报告',
    'reports.ui.intro':
      '生成某月的投诉情况报告（报送运营服务部）：可打印或另存为 PDF，并保存 XLSX；报告随同步送交总部。重新生成同一月份会产生新版本，旧版本保留。',
    'reports.ui.month': '报告月份',
    'reports.ui.create': '生成月度报告',
    'reports.ui.creating': '正在生成…',
    'reports.ui.created': '已生成 {{month}} 的报告（第 {{version}} 版），将随同步送交总部。',
    'reports.ui.print': '打印 / PDF',
    'reports.ui.saveXlsx': '保存 XLSX',
    'reports.ui.failed': '生成失败：{{reason}}',
    'reports.ui.list': '已生成的报告',
    'reports.ui.version': '第 {{version}} 版',
    'reports.ui.sent': '已送达总部',
    'reports.ui.waiting': '待同步',
    'reports.ui.preview': '{{month}} 月度报告预览',
    'reports.ui.printHint': '在打印对话框中可选择“另存为 PDF”。',
    'reports.ui.close': '关闭',
  },
  'zh-TW': {
    'reports.ui.title': '月度報告',
    'reports.ui.intro':
      '產生某月的投訴情況報告（報送運營服務部）：可列印或另存為 PDF，並儲存 XLSX；報告隨同步送交總部。重新產生同一月份會產生新版本，舊版本保留。',
    'reports.ui.month': '報告月份',
    'reports.ui.create': '產生月度報告',
    'reports.ui.creating': '正在產生…',
    'reports.ui.created': '已產生 {{month}} 的報告（第 {{version}} 版），將隨同步送交總部。',
    'reports.ui.print': '列印 / PDF',
    'reports.ui.saveXlsx': '儲存 XLSX',
    'reports.ui.failed': '產生失敗：{{reason}}',
    'reports.ui.list': '已產生的報告',
    'reports.ui.version': '第 {{version}} 版',
    'reports.ui.sent': '已送達總部',
    'reports.ui.waiting': '待同步',
    'reports.ui.preview': '{{month}} 月度報告預覽',
    'reports.ui.printHint': '在列印對話框中可選擇「另存為 PDF」。',
    'reports.ui.close': '關閉',
  },
  en: {
    'reports.ui.title': 'Monthly report',
    'reports.ui.intro':
      "Make a month's complaint report for the operations department: print it or save it as PDF, and save its XLSX; it goes to head office with the sync. Making a month again makes a new version and keeps the earlier ones.",
    'reports.ui.month': 'Month',
    'reports.ui.create': 'Make the monthly report',
    'reports.ui.creating': 'Making…',
    'reports.ui.created': 'Report for {{month}} made (version {{version}}); it goes to head office with the sync.',
    'reports.ui.print': 'Print / PDF',
    'reports.ui.saveXlsx': 'Save XLSX',
    'reports.ui.failed': 'Could not make the report: {{reason}}',
    'reports.ui.list': 'Reports made',
    'reports.ui.version': 'version {{version}}',
    'reports.ui.sent': 'At head office',
    'reports.ui.waiting': 'Waiting for the sync',
    'reports.ui.preview': 'Monthly report {{month}}: preview',
    'reports.ui.printHint': 'Choose "Save as PDF" in the print dialog for a PDF.',
    'reports.ui.close': 'Close',
  },
} as const;
