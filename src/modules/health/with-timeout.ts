/**
 * Awaits a dependency's round trip for at most `timeoutMs`: 'ok' when it resolved in time, else
 * a short message fit for a public health answer (never the driver's error text).
 */
export async function withTimeout(work: Promise<unknown>, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([work.then(() => 'ok'), timeout]);
  } catch {
    return 'does not answer';
  } finally {
    clearTimeout(timer);
  }
}
