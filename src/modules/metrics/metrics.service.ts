import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per app instance: process defaults plus HTTP and real-time metrics. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly socketsConnected = new Gauge({
    name: 'llms_sockets_connected',
    help: 'Socket.IO connections open on this instance',
    registers: [this.registry],
  });

  readonly realtimeEvents = new Counter({
    name: 'llms_realtime_events_total',
    help: 'Socket.IO client events handled, by event and outcome code',
    labelNames: ['event', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly fanoutMessages = new Counter({
    name: 'llms_fanout_messages_received_total',
    help:
      'Socket.IO adapter messages this instance received from Redis: class-room messages ' +
      '(local="false" means no local socket was in the room: wasted work) and shared-channel ones',
    labelNames: ['channel', 'local'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequestDuration.observe(labels, seconds);
    this.httpRequests.inc(labels);
  }
}
