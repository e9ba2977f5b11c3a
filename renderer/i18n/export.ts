/**
 * Screen texts of the export file for head office (renderer/features/settings/ExportSection.tsx)
 * and the month-end reminder. The store's own refusals (errors.export.*) come translated from shared/i18n.
 */
export const exportUi = {
  'zh-CN': {
    'export.title': '导出给总部',
    'export.intro':
      '无法联网同步时，把一段期间内已归档的投诉（含处理记录和附件）导出为一个文件，交给总部导入。文件用本网点的密钥签名，总部能发现任何改动；其中的 cases.xlsx 供人阅读。',
    'export.from': '开始日期',
    'export.to': '结束日期',
    'export.button': '导出给总部',
    'export.writing': '正在写入…',
    'export.progress': '导出文件的写入进度',
    'export.progress.value': '已完成 {{percent}}%',
    'export.saved_one': '已保存文件 {{fileName}}（{{count}} 件投诉），请交给总部',
    'export.saved_other': '已保存文件 {{fileName}}（{{count}} 件投诉），请交给总部',
    'export.failed': '导出失败：{{reason}}',
    'export.reminder': '{{month}} 本网点尚未与总部同步：请导出本月的投诉文件交给总部（每月将投诉记录情况提交运营服务部）',
    'export.reminder.choose': '选择 {{month}}',
    'export.reminder.open': '去导出',
  },
  'zh-TW': {
    'export.title': '匯出給總部',
    'export.intro':
      '無法連線同步時，把一段期間內已歸檔的投訴（含處理紀錄和附件）匯出為一個檔案，交給總部匯入。檔案用本網點的密鑰簽名，總部能發現任何改動；其中的 cases.xlsx 供人閱讀。',
    'export.from': '開始日期',
    'export.to': '結束日期',
    'export.button': '匯出給總部',
    'export.writing': '正在寫入…',
    'export.progress': '匯出檔案的寫入進度',
    'export.progress.value': '已完成 {{percent}}%',
    'export.saved_one': '已儲存檔案 {{fileName}}（{{count}} 件投訴），請交給總部',
    'export.saved_other': '已儲存檔案 {{fileName}}（{{count}} 件投訴），請交給總部',
    'export.failed': '匯出失敗：{{reason}}',
    'export.reminder': '{{month}} 本網點尚未與總部同步：請匯出本月的投訴檔案交給總部（每月將投訴紀錄情況提交營運服務部）',
    'export.reminder.choose': '選擇 {{month}}',
    'export.reminder.open': '去匯出',
  },
  en: {
    'export.title': 'Export to head office',
    'export.intro':
      'When the branch cannot sync online, export the cases archived in a period (with their history and attachments) as one file and hand it to head office to import. The file is signed with the branch secret, so head office notices any change; its cases.xlsx is for people to read.',
    'export.from': 'From',
    'export.to': 'To',
    'export.button': 'Export to head office',
    'export.writing': 'Writing…',
    'export.progress': 'Progress of the export file',
    'export.progress.value': '{{percent}}% done',
    'export.saved_one': 'Saved {{fileName}} ({{count}} case): hand it to head office',
    'export.saved_other': 'Saved {{fileName}} ({{count}} cases): hand it to head office',
    'export.failed': 'The export failed: {{reason}}',
    'export.reminder':
      'This branch has not synced with head office in {{month}}: export the month’s cases and hand the file to head office',
    'export.reminder.choose': 'Choose {{month}}',
    'export.reminder.open': 'Export',
  },
} as const;
