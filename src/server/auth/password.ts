// Password hashing with argon2id (@node-rs/argon2: a Rust build shipped as prebuilt npm packages, so no
// compiler and no download outside the registry). Parameters: OWASP's argon2id minimum (19 MiB, t=2, p=1),
// ~15 ms on this kind of machine; the PHC string records them, so raising them later keeps old hashes valid.
import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` is an ambient const enum (unusable with isolatedModules): its value is 2. */
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed login, not a crash
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check when no account matches, so response time does not reveal which
 * emails exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('bandeja-no-such-account');
  await verifyPassword(await dummyHash, password);
}
