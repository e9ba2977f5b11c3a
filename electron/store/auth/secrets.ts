/**
 * PINs and passwords, hashed with PBKDF2-SHA256 through WebCrypto (the same code in Node, a Web
 * Worker and Electron's store window). OWASP's 2023 figure for PBKDF2-SHA256 is 600,000 iterations;
 * the count is stored with each hash, so it can be raised later (a sign-in rehashes an older one).
 */
export const SECRET_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export interface HashedSecret {
  salt: Uint8Array;
  hash: Uint8Array;
  iterations: number;
}

async function derive(secret: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

export async function hashSecret(secret: string, iterations: number, randomBytes: (n: number) => Uint8Array): Promise<HashedSecret> {
  const salt = randomBytes(SALT_BYTES);
  return { salt, hash: await derive(secret, salt, iterations), iterations };
}

/** Compared in constant time; a missing `stored` costs as long as a real one and fails. */
export async function secretMatches(secret: string, stored: HashedSecret | null, iterations: number): Promise<boolean> {
  const against = stored ?? { salt: new Uint8Array(SALT_BYTES), hash: new Uint8Array(HASH_BITS / 8), iterations };
  const actual = await derive(secret, against.salt, against.iterations);
  let difference = actual.length ^ against.hash.length;
  for (let i = 0; i < actual.length; i++) difference |= actual[i]! ^ (against.hash[i] ?? 0);
  return difference === 0 && stored !== null;
}

export function systemRandomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}
