/**
 * The media plane in the metrics endpoint: rooms, participants, publishers, packets forwarded and
 * dropped, negotiations waiting, restarts — read from the plane's stats when scraped.
 */
import { Gauge, type Registry } from 'prom-client';
import type { MediaPlane, MediaPlaneStats } from './media-plane.js';

const gauges: [keyof MediaPlaneStats, string, string][] = [
  ['rooms', 'media_rooms', 'Rooms with audio on this node.'],
  ['participants', 'media_participants', 'Peer connections of room members on this node.'],
  ['publishers', 'media_publishers', 'Members whose audio is forwarded.'],
  ['forwardedPacketsPerSecond', 'media_forwarded_packets_per_second', 'RTP packets sent to listeners, last second.'],
  [
    'droppedPacketsPerSecond',
    'media_dropped_packets_per_second',
    'RTP packets from non-publishers dropped, last second.',
  ],
  ['negotiationsQueued', 'media_negotiations_queued', 'Joins waiting for their turn (joins are paced).'],
  ['restarts', 'media_process_restarts', 'Times a media process died and was started again.'],
];

export function registerMediaMetrics(registry: Registry, plane: MediaPlane): void {
  let pending: Promise<MediaPlaneStats> | null = null;
  // One stats request per scrape, shared by every gauge.
  const read = () => {
    pending ??= plane.stats().finally(() => {
      pending = null;
    });
    return pending;
  };
  for (const [field, name, help] of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set((await read())[field]);
      },
    });
  }
}
