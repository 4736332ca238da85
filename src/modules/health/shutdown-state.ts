import { Injectable } from '@nestjs/common';

/**
 * Whether this instance is shutting down. `src/bootstrap/shutdown.ts` flips it on the first
 * SIGTERM/SIGINT; from then on `/health/ready` answers 503 so load balancers stop sending new
 * work here while the instance drains. Any provider may inject it to refuse new work early.
 */
@Injectable()
export class ShutdownState {
  private startedAt: number | null = null;
  private signalName: string | null = null;

  /** Marks the start of the shutdown; later calls change nothing. */
  begin(signal: string, now = Date.now()): void {
    if (this.startedAt !== null) return;
    this.startedAt = now;
    this.signalName = signal;
  }

  get draining(): boolean {
    return this.startedAt !== null;
  }

  /** When the shutdown began (ms since the epoch), or null. */
  get since(): number | null {
    return this.startedAt;
  }

  get signal(): string | null {
    return this.signalName;
  }
}
