/** A response body as loosely typed JSON, for assertions (tests check shapes with expect). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function json(response: Response): Promise<Json> {
  return response.json();
}
