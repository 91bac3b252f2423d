/**
 * The chat socket in the metrics endpoint: open connections, events handled by type, errors by
 * code, clients dropped. Read from the gateway's running totals when scraped, so the hot path only
 * adds to a map.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Gateway } from './gateway.js';

export function registerGatewayMetrics(registry: Registry, gateway: Gateway): void {
  new Gauge({
    name: 'ws_connections',
    help: 'Open chat socket connections on this node.',
    registers: [registry],
    collect() {
      this.set(gateway.connectionCount);
    },
  });
  new Counter({
    name: 'ws_events_total',
    help: 'Client events handled, by type.',
    labelNames: ['type'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [type, count] of gateway.stats.eventsByType) this.inc({ type }, count);
    },
  });
  new Counter({
    name: 'ws_errors_total',
    help: 'Error events sent to clients, by code.',
    labelNames: ['code'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [code, count] of gateway.stats.errorsByCode) this.inc({ code }, count);
    },
  });
  new Counter({
    name: 'ws_dropped_total',
    help: 'Connections the server ended: slow consumers and missed heartbeats.',
    labelNames: ['reason'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ reason: 'slow_consumer' }, gateway.stats.slowConsumersDropped);
      this.inc({ reason: 'heartbeat' }, gateway.stats.heartbeatTimeouts);
    },
  });
}
