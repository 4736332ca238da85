import type { OnModuleInit } from '@nestjs/common';
import type { Model } from 'mongoose';

/** MongoDB's duplicate-key error code (a unique index refused the write). */
const DUPLICATE_KEY = 11000;

interface WriteFailure {
  code?: unknown;
  writeErrors?: { code?: unknown; err?: { code?: unknown } }[];
}

/** True when a write failed only because a unique index already holds the key. */
function isDuplicateKey(error: unknown): boolean {
  const failure = error as WriteFailure | null;
  if (failure?.writeErrors?.length) return duplicateOnly(failure) !== null;
  return failure?.code === DUPLICATE_KEY;
}

/**
 * For an unordered bulk insert that failed: how many documents were refused as duplicates, or
 * null when anything else went wrong (the caller rethrows).
 */
function duplicateOnly(failure: WriteFailure): number | null {
  const codes = failure.writeErrors?.map((e) => e.code ?? e.err?.code) ?? [failure.code];
  if (codes.length === 0 || codes.some((code) => code !== DUPLICATE_KEY)) return null;
  return codes.length;
}

/**
 * The persistence convention of every repository: it holds the Mongoose model, builds the
 * schema's indexes before the first request (unique indexes decide races, so they must exist),
 * maps documents to plain records in one place (`toRecord` in each repository), and turns
 * duplicate keys into a domain answer through the two helpers below, never by reading codes.
 */
export abstract class MongoRepository<Doc> implements OnModuleInit {
  protected constructor(protected readonly model: Model<Doc>) {}

  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  /** Runs an insert; null when a unique index already holds its key. */
  protected async insertUnlessDuplicate<T>(insert: () => Promise<T>): Promise<T | null> {
    try {
      return await insert();
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  /**
   * Inserts documents in one unordered batch, skipping those whose unique key exists already;
   * returns how many this call wrote. Any error other than duplicate keys is thrown.
   */
  protected async insertManyUnlessDuplicate(docs: Doc[]): Promise<number> {
    if (docs.length === 0) return 0;
    try {
      const result = await this.model.insertMany(docs, { ordered: false, rawResult: true });
      return result.insertedCount;
    } catch (error) {
      const duplicates = duplicateOnly(error as WriteFailure);
      if (duplicates === null) throw error;
      return docs.length - duplicates;
    }
  }
}
