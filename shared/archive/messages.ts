/** The store's messages of the restricted archive (electron/store/archive.ts, disclosure.ts). i18next syntax. */
import type { Locale } from '../i18n/translate';

type Catalog = Record<string, string>;

const zhCN: Catalog = {
  'errors.archive.restricted': '案件 {{caseNo}} 已归档，仅主管和管理员可以查看。如需查看，请申请临时授权。',
  'errors.archive.notArchived': '案件 {{caseNo}} 尚未归档，无需申请查看授权',
  'errors.archive.noNeed': '主管和管理员可以直接查看归档案件，无需申请',
  'errors.archive.supervisorOnly': '只有主管或管理员可以处理归档案件的查看申请和查看记录',
  'errors.archive.requestNotFound': '找不到该查看申请',
  'errors.archive.requestDecided': '该查看申请已处理过',
  'errors.archive.hours': '授权时长须为 1 至 72 小时的整数',
  'errors.archive.grantWhom': '请指定一个查看申请，或指定案件和员工',
  'errors.idNumber.masked': '证件号码显示为部分隐藏，修改时请输入完整号码',
};

const zhTW: Catalog = {
  'errors.archive.restricted': '案件 {{caseNo}} 已歸檔，僅主管和管理員可以查看。如需查看，請申請臨時授權。',
  'errors.archive.notArchived': '案件 {{caseNo}} 尚未歸檔，無需申請查看授權',
  'errors.archive.noNeed': '主管和管理員可以直接查看歸檔案件，無需申請',
  'errors.archive.supervisorOnly': '只有主管或管理員可以處理歸檔案件的查看申請和查看紀錄',
  'errors.archive.requestNotFound': '找不到該查看申請',
  'errors.archive.requestDecided': '該查看申請已處理過',
  'errors.archive.hours': '授權時長須為 1 至 72 小時的整數',
  'errors.archive.grantWhom': '請指定一個查看申請，或指定案件和員工',
  'errors.idNumber.masked': '證件號碼顯示為部分隱藏，修改時請輸入完整號碼',
};

const en: Catalog = {
  'errors.archive.restricted':
    'Case {{caseNo}} is archived: only supervisors and administrators can read it. Request access to read it for a while.',
  'errors.archive.notArchived': 'Case {{caseNo}} is not archived: no access request is needed',
  'errors.archive.noNeed': 'Supervisors and administrators read archived cases without a request',
  'errors.archive.supervisorOnly': 'Only a supervisor or administrator can decide access requests and read the access log',
  'errors.archive.requestNotFound': 'This access request does not exist',
  'errors.archive.requestDecided': 'This access request has already been decided',
  'errors.archive.hours': 'Access lasts a whole number of hours from 1 to 72',
  'errors.archive.grantWhom': 'Name one access request, or a case and a staff member',
  'errors.idNumber.masked': 'The ID number is shown partly hidden: type the whole number to correct it',
};

export const archiveMessages: Readonly<Record<Locale, Catalog>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
