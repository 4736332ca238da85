import mongoose, { type Connection, type Model, type Schema } from 'mongoose';
import { testMongoUri } from './test-app';

/**
 * One model on a database of its own on the real MongoDB-wire server (FerretDB locally, MongoDB
 * in production), for repository tests; `drop` deletes the database and closes the connection.
 */
export async function openTestModel<T>(
  name: string,
  schema: Schema<T>,
): Promise<{ model: Model<T>; drop: () => Promise<void> }> {
  const connection: Connection = await mongoose
    .createConnection(testMongoUri(), { serverSelectionTimeoutMS: 5000 })
    .asPromise();
  const model = connection.model<T>(name, schema);
  await model.init();
  return {
    model,
    drop: async () => {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    },
  };
}
