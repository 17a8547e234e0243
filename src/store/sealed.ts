/**
 * Secrets at rest: AES-256-GCM with a key from the configuration (`SLACK_TOKEN_KEY`). Each value
 * gets a fresh 12-byte nonce; the authentication tag makes a tampered or swapped value fail to
 * open instead of decrypting to garbage, and the associated data binds a value to its row.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Seals and opens strings with one 32-byte key. The key never leaves the instance. */
export class Sealer {
  readonly #key: Buffer;

  /** @throws Error when `key` is not 32 bytes. */
  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error(`Sealer: the key must be 32 bytes (AES-256), got ${key.length}.`);
    this.#key = Buffer.from(key);
  }

  /** `plain` encrypted and authenticated, bound to `context` (e.g. the row's key): `v1.<nonce>.<tag>.<ciphertext>`, base64url. */
  seal(plain: string, context: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /**
   * The plain text of `sealed`, which must have been sealed with this key and `context`.
   * @throws Error when it was not (another key, another row, or altered).
   */
  open(sealed: string, context: string): string {
    const [version, nonce, tag, body] = sealed.split('.');
    if (version !== VERSION || nonce === undefined || tag === undefined || body === undefined) throw new Error('sealed value: unknown format');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(nonce, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
