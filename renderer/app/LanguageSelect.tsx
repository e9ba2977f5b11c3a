import { MenuItem, TextField, type SxProps } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../shared/i18n/translate';

export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

/** The screen language, remembered on this PC (renderer/main.tsx saves each change). In the header and on the settings screen. */
export function LanguageSelect({ label, sx }: { label?: string; sx?: SxProps }) {
  const { t, i18n } = useTranslation();
  const change = (next: Locale) => void i18n.changeLanguage(next);
  return (
    <TextField
      select
      size="small"
      label={label ?? t('app.language')}
      value={i18n.language}
      onChange={(e) => change(e.target.value as Locale)}
      sx={sx ?? { width: 200 }}
    >
      {LOCALES.map((l) => (
        <MenuItem key={l} value={l}>
          {LANGUAGE_NAMES[l]}
        </MenuItem>
      ))}
    </TextField>
  );
}
