import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes, 1 lane). */
const OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Password hashing; a missing account costs the same as a wrong password. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash: string;

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hash(randomBytes(16).toString('hex'));
  }

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  /**
   * Whether `password` matches `passwordHash`. With no hash (unknown account) it still verifies
   * against a dummy hash and answers false, so response times do not reveal which emails exist.
   */
  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (passwordHash) return verify(passwordHash, password);
    await verify(this.dummyHash, password);
    return false;
  }
}
