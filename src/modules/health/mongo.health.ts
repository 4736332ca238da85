import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from 'mongoose';
import { withTimeout } from './with-timeout';

/**
 * MongoDB is up when a `ping` command makes the round trip within the timeout. The connection's
 * state alone says nothing: with the server frozen (SIGSTOP, a stuck disk, a black-holed network)
 * the driver keeps `readyState` 1 for as long as its sockets stay open.
 *
 * At most one ping is in flight: a server that does not answer must not collect one hung ping
 * (and one pooled connection) per probe. The driver's own `timeoutMS` (twice the probe's, so the
 * probe's message wins) ends a ping that overruns and drops its connection; a later probe then
 * sends a fresh one.
 */
@Injectable()
export class MongoHealthIndicator {
  private inFlight: Promise<unknown> | null = null;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key: string, timeoutMs = 1000) {
    const indicator = this.indicators.check(key);
    const db = this.connection.db;
    if (!db) return indicator.down({ message: 'not connected' });
    this.inFlight ??= db
      .admin()
      .command({ ping: 1 }, { timeoutMS: 2 * timeoutMs })
      .finally(() => (this.inFlight = null));
    // The driver's own error text stays out of the answer: no driver message reaches clients.
    const outcome = await withTimeout(this.inFlight, timeoutMs);
    return outcome === 'ok' ? indicator.up() : indicator.down({ message: outcome });
  }
}
