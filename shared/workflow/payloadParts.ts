import { MAX_TEXT, textField } from '../domain/text';

/** Notes, explanations and analyses: many lines, up to 20,000 characters. */
export const longText = (options: { required?: boolean } = {}) => textField(MAX_TEXT.long, { ...options, multiline: true });
