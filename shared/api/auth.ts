import { z } from 'zod';
import type { Role } from '../domain/enums';
import { staffId, textField, MAX_TEXT } from '../domain/text';
import type { Branch } from './contract';

/**
 * Sign-in at the branch (docs/sign-in.md). A staff member's secret is a PIN or a password; the
 * first administrator's is a password. Only the store host hashes, checks and stores them.
 */
export const MIN_SECRET_LENGTH = 6;
export const MIN_ADMIN_PASSWORD_LENGTH = 10;
export const MAX_SECRET_LENGTH = 128;

/** Minutes of no keyboard or pointer input after which the counter locks (settings). */
export const IDLE_LOCK_MINUTES = { min: 1, max: 240, default: 10 } as const;

const secret = (min: number, tooShort: string) =>
  z
    .string({ error: 'errors.auth.secretMissing' })
    .refine((v) => [...v].length >= min, { message: tooShort })
    .refine((v) => v.length <= MAX_SECRET_LENGTH, { message: 'errors.auth.secretTooLong' });

export const staffSecretSchema = secret(MIN_SECRET_LENGTH, 'errors.auth.secretTooShort');
export const adminPasswordSchema = secret(MIN_ADMIN_PASSWORD_LENGTH, 'errors.auth.passwordTooShort');
/** What is typed at sign-in: never longer than a secret could be, checked against the stored hash only. */
const typedSecret = z
  .string({ error: 'errors.auth.secretMissing' })
  .min(1, { message: 'errors.auth.secretMissing' })
  .max(MAX_SECRET_LENGTH, {
    message: 'errors.auth.wrong',
  });

/** A session token as a request carries it (the host looks it up; its shape says nothing). */
export const sessionToken = z.string({ error: 'errors.auth.signedOut' }).min(1, { message: 'errors.auth.signedOut' }).max(200, {
  message: 'errors.auth.signedOut',
});

export const authMethods = {
  /** Before anyone signs in: whether an administrator exists yet (first run), and the branch's name. */
  'auth.status': z.object({}),
  /** First run only (no credential exists): the first administrator, with a password. */
  'auth.setup': z.object({ staffId, name: textField(MAX_TEXT.name, { required: true }), password: adminPasswordSchema }),
  'auth.signIn': z.object({ staffId, secret: typedSecret }),
  /** Who the request's token belongs to, as the host knows it. */
  'auth.whoami': z.object({}),
  /** Ends the request's session (sign-out, lock, switching the person at the counter). */
  'auth.signOut': z.object({}),
  /** A supervisor sets or resets another staff member's PIN (only an administrator an administrator's). */
  'auth.setSecret': z.object({ staffId, secret: staffSecretSchema }),
  /** One's own PIN or password, knowing the current one. */
  'auth.changeSecret': z.object({ current: typedSecret, next: staffSecretSchema }),
  /** Who has a PIN and who is locked out (supervisors). */
  'auth.credentials': z.object({}),
  'auth.settings': z.object({}),
  'auth.saveSettings': z.object({
    idleLockMinutes: z
      .number({ error: 'errors.auth.idleMinutes' })
      .int({ message: 'errors.auth.idleMinutes' })
      .min(IDLE_LOCK_MINUTES.min, { message: 'errors.auth.idleMinutes' })
      .max(IDLE_LOCK_MINUTES.max, { message: 'errors.auth.idleMinutes' }),
  }),
};

/** A signed-in person, as the host answers sign-in: the token goes with every later request. */
export interface SignedIn {
  token: string;
  staffId: string;
  name: string;
  role: Role;
  expiresAt: number;
}

export interface AuthStatus {
  /** False until the first administrator is created: the app shows the first-run form. */
  hasAdministrator: boolean;
  branch: Branch | null;
}

export interface CredentialState {
  staffId: string;
  /** Locked out after repeated failures until then (null: not locked). */
  lockedUntil: number | null;
  updatedAt: number;
}

export interface AuthSettings {
  idleLockMinutes: number;
}

export interface AuthResults {
  'auth.status': AuthStatus;
  'auth.setup': SignedIn;
  'auth.signIn': SignedIn;
  'auth.whoami': Omit<SignedIn, 'token'>;
  'auth.signOut': null;
  'auth.setSecret': null;
  'auth.changeSecret': null;
  'auth.credentials': CredentialState[];
  'auth.settings': AuthSettings;
  'auth.saveSettings': AuthSettings;
}

/** Methods anyone may call without a session: the first run and signing in. */
export const PUBLIC_METHODS = ['auth.status', 'auth.setup', 'auth.signIn'] as const;
