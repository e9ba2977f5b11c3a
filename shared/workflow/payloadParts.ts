import { z } from 'zod';
import { MAX_TEXT, textField } from '../domain/text';

/** Notes, explanations and analyses: many lines, up to 20,000 characters. */
export const longText = (options: { required?: boolean } = {}) => textField(MAX_TEXT.long, { ...options, multiline: true });

/** The id of a stored row (a case, an attachment) that a command refers to. */
export const rowId = z.string({ error: 'errors.request.invalid' }).regex(/^[0-9a-f-]{36}$/, { message: 'errors.request.invalid' });
