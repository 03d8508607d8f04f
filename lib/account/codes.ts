import { createHash, randomInt, timingSafeEqual } from "node:crypto";

/** Letters and digits no one misreads (no 0/O, 1/I/L): codes are typed from one screen into another. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function randomCode(length: number): string {
  return Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/** A code as typed: spaces, dashes and case do not matter; null when it holds anything else. */
export function normalizeCode(text: string, length: number): string | null {
  const code = text.normalize("NFKC").toUpperCase().replace(/[\s-]/g, "");
  return code.length === length && [...code].every((char) => CODE_ALPHABET.includes(char)) ? code : null;
}

/** Codes are random and long enough that a plain SHA-256 is what their store needs: it never holds a code. */
export const hashCode = (code: string) => createHash("sha256").update(code).digest("hex");

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** "K7M4QX9P" → "K7M4 QX9P", and a 10-character recovery code → "ABCDE-FGHJK". */
export const groupCode = (code: string) => (code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : `${code.slice(0, 5)}-${code.slice(5)}`);
