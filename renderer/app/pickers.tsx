import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { DateTimePicker } from '@mui/x-date-pickers/DateTimePicker';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { enUS, zhCN, zhTW } from '@mui/x-date-pickers/locales';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDate, chinaDateTime, instantOfChinaDateTime, startOfChinaDate } from '../../shared/deadlines/calendar';
import type { Locale } from '../../shared/i18n/translate';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every date and time is China time, whatever the PC's zone (deadlines are China working days). */
const CHINA = 'Asia/Shanghai';

const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' };
const LOCALE_TEXTS = {
  'zh-CN': zhCN.components.MuiLocalizationProvider.defaultProps.localeText,
  'zh-TW': zhTW.components.MuiLocalizationProvider.defaultProps.localeText,
  en: enUS.components.MuiLocalizationProvider.defaultProps.localeText,
} as const;

/** The pickers' adapter and texts in the screen's language. */
export function PickersLocalization({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = (i18n.language in DAYJS_LOCALES ? i18n.language : 'zh-CN') as Locale;
  return (
    <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale={DAYJS_LOCALES[locale]} localeText={LOCALE_TEXTS[locale]}>
      {children}
    </LocalizationProvider>
  );
}

/**
 * A picker's value as the form holds it: a China calendar string ('YYYY-MM-DD', or
 * 'YYYY-MM-DDTHH:mm'), '' when empty or not a whole date yet. What is typed stays in the field even
 * while it is incomplete; a new value from the form (a reset, a restored draft) replaces it.
 */
function useHeldValue(
  value: string,
  toInstant: (text: string) => number,
  toText: (at: number) => string,
  onChange: (text: string) => void,
) {
  const parse = (text: string): Dayjs | null => {
    if (text === '') return null;
    try {
      return dayjs(toInstant(text)).tz(CHINA);
    } catch {
      return null;
    }
  };
  const [held, setHeld] = useState(() => ({ value, shown: parse(value) }));
  let shown = held.shown;
  if (held.value !== value) {
    shown = parse(value);
    setHeld({ value, shown });
  }
  const change = (picked: Dayjs | null) => {
    const text = picked?.isValid() ? toText(picked.valueOf()) : '';
    setHeld({ value: text, shown: picked });
    if (text !== value) onChange(text);
  };
  return [shown, change] as const;
}

interface PickerProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  error?: boolean;
  helperText?: string;
  size?: 'small' | 'medium';
  autoFocus?: boolean;
  /** Width of the field; default: as wide as its container allows. */
  width?: number;
}

function fieldProps({ required, error, helperText, size, width }: PickerProps) {
  return { textField: { required, error, helperText, size, sx: width ? { width } : undefined } };
}

/** A China calendar date ('YYYY-MM-DD'), in the screen's language. */
export function ChinaDateField(props: PickerProps) {
  const [shown, change] = useHeldValue(props.value, startOfChinaDate, chinaDate, props.onChange);
  return (
    <PickersLocalization>
      <DatePicker
        label={props.label}
        value={shown}
        onChange={change}
        timezone={CHINA}
        autoFocus={props.autoFocus}
        slotProps={fieldProps(props)}
      />
    </PickersLocalization>
  );
}

/** A China wall-clock date and time ('YYYY-MM-DDTHH:mm'), in the screen's language. */
export function ChinaDateTimeField(props: PickerProps) {
  const [shown, change] = useHeldValue(props.value, instantOfChinaDateTime, chinaDateTime, props.onChange);
  return (
    <PickersLocalization>
      <DateTimePicker
        label={props.label}
        value={shown}
        onChange={change}
        timezone={CHINA}
        autoFocus={props.autoFocus}
        slotProps={fieldProps(props)}
      />
    </PickersLocalization>
  );
}
