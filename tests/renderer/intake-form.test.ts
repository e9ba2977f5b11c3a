import { describe, expect, it } from 'vitest';
import { methods, type ApiError } from '../../shared/api/contract';
import { emptyIntake, fromDraft, issuesByField, toIntake, type IntakeFields } from '../../renderer/features/intake/intakeForm';
import { MONDAY_10AM } from './fixtures';

const typed = (over: Partial<IntakeFields> = {}): IntakeFields => ({
  ...emptyIntake('c01', 'appraisal', MONDAY_10AM),
  name: '王小明',
  phone: '13812345678',
  content: '当物鉴定估价明显偏低',
  ...over,
});

describe('the intake form becomes a register request', () => {
  it('opens as a walk-in general complaint received now by the user, under the first category', () => {
    const f = emptyIntake('c01', 'appraisal', MONDAY_10AM);
    expect(f).toMatchObject({ channel: 'walk_in', severity: 'general', isReport: false, receivedBy: 'c01', category: 'appraisal' });
    expect(f.receivedAt).toBe('2026-03-02T10:00');
  });

  it('holds the receiving time in China time to the minute, whatever the machine’s zone', () => {
    expect(emptyIntake('c01', 'appraisal', MONDAY_10AM + 42_000).receivedAt).toBe('2026-03-02T10:00');
    expect(emptyIntake('c01', 'appraisal', Date.parse('2026-03-01T23:30:00Z')).receivedAt).toBe('2026-03-02T07:30');
    expect(toIntake(typed({ receivedAt: '2026-03-02T07:30' })).receivedAt).toBe(Date.parse('2026-03-01T23:30:00Z'));
  });

  it('sends an empty or unfinished receiving time as not a number, so the store refuses it on that field', () => {
    for (const receivedAt of ['', '2026-03-02', '2026-03-02T24:00', '2026-02-30T10:00']) {
      expect(toIntake(typed({ receivedAt })).receivedAt, receivedAt).toBeNaN();
    }
  });

  it('sends the complainant nested, the receiving time as an instant, and the store accepts it', () => {
    const intake = toIntake(typed({ address: '朝阳区', businessRef: 'DP2026', severity: 'major', isReport: true }));
    expect(intake).toEqual({
      channel: 'walk_in',
      receivedAt: MONDAY_10AM,
      receivedBy: 'c01',
      complainant: {
        name: '王小明',
        phone: '13812345678',
        address: '朝阳区',
        email: '',
        idType: 'resident_id',
        idNumber: '',
        anonymous: false,
      },
      businessRef: 'DP2026',
      category: 'appraisal',
      severity: 'major',
      isReport: true,
      content: '当物鉴定估价明显偏低',
      expectedResolution: '',
    });
    expect(methods['cases.register'].safeParse({ intake }).success).toBe(true);
  });

  it('trims the receiving staff id and the ID number; free text is sent exactly as typed', () => {
    const intake = toIntake(typed({ receivedBy: ' c01 ', idNumber: ' 11010519491231002X ', name: ' 王小明 ', content: ' 内容\n' }));
    expect(intake.receivedBy).toBe('c01');
    expect(intake.complainant.idNumber).toBe('11010519491231002X');
    expect(intake.complainant.name).toBe(' 王小明 ');
    expect(intake.content).toBe(' 内容\n');
  });

  it('sends a phone typed in full-width digits as typed; the store converts it and stores 13812345678', () => {
    const intake = toIntake(typed({ phone: '１３８１２３４５６７８' }));
    expect(intake.complainant.phone).toBe('１３８１２３４５６７８');
    expect(methods['cases.register'].parse({ intake }).intake.complainant.phone).toBe('13812345678');
  });

  it('an anonymous report sends no name or way of contact even if some were typed before the switch', () => {
    const intake = toIntake(typed({ isReport: true, anonymous: true, email: 'a@b.cn', idNumber: 'E12345678', idType: 'passport' }));
    expect(intake.complainant).toEqual({ name: '', phone: '', address: '', email: '', idType: 'passport', idNumber: '', anonymous: true });
    expect(methods['cases.register'].safeParse({ intake }).success).toBe(true);
  });

  it('the anonymous switch left on after the report flag was turned off is ignored: a complaint is never anonymous', () => {
    expect(toIntake(typed({ isReport: false, anonymous: true })).complainant).toMatchObject({ name: '王小明', anonymous: false });
  });

  it('no phone, address or e-mail: the store names the phone field with the contact message', () => {
    const intake = toIntake(typed({ phone: '' }));
    const issues = methods['cases.register'].safeParse({ intake }).error?.issues ?? [];
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([['intake.complainant.phone', 'errors.contact.none']]);
  });

  it('sends an unreadable receiving time as NaN, which the store refuses as an invalid date', () => {
    const intake = toIntake(typed({ receivedAt: '' }));
    expect(intake.receivedAt).toBeNaN();
    expect(methods['cases.register'].safeParse({ intake }).error?.issues[0]?.message).toBe('errors.date.invalid');
  });
});

describe('the store’s answer on the intake form', () => {
  const error = (issues: { path: string; message: string }[]): ApiError =>
    ({ code: 'invalid_input', message: 'x', key: 'x', issues: issues.map((i) => ({ ...i, key: 'x' })) }) as ApiError;

  it('puts each issue on its field, the first when a field has several, and drops paths no field shows', () => {
    expect(
      issuesByField(
        error([
          { path: 'intake.complainant.phone', message: '电话号码无效' },
          { path: 'intake.complainant.phone', message: '必填' },
          { path: 'intake.content', message: '必填' },
          { path: 'draftId', message: '请求无效' },
        ]),
      ),
    ).toEqual({ phone: '电话号码无效', content: '必填' });
    expect(issuesByField(null)).toEqual({});
  });
});

describe('a restored draft', () => {
  const empty = emptyIntake('c01', 'appraisal', MONDAY_10AM);

  it('fills the empty form with what had been typed', () => {
    expect(fromDraft(empty, { name: '王小明', content: '未填完' })).toEqual({ ...empty, name: '王小明', content: '未填完' });
  });

  it('leaves the form empty when the draft holds no object', () => {
    for (const data of [null, '王小明', 42, undefined]) expect(fromDraft(empty, data)).toEqual(empty);
  });
});
