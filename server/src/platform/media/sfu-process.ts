/**
 * The media process: the werift SFU on an event loop of its own, started by
 * ChildProcessMediaPlane with an IPC channel. It ends when the API process goes away.
 */
import { MediaPlaneError } from './media-plane.js';
import { isToMediaProcess, type FromMediaProcess, type SfuRequest, type SfuResults } from './ipc.js';
import { Sfu } from './sfu.js';

if (!process.send)
  throw new Error('sfu-process.ts must be started with an IPC channel (ChildProcessMediaPlane does this)');
const send = process.send.bind(process);

function reply(message: FromMediaProcess): void {
  try {
    send(message);
  } catch {
    // The channel closed: the API process is gone and 'disconnect' ends this one.
  }
}

let sfu: Sfu | undefined;

async function handle(current: Sfu, request: SfuRequest): Promise<SfuResults[SfuRequest['method']]> {
  switch (request.method) {
    case 'negotiate':
      return current.negotiate(request.roomId, request.userId, request.offerSdp);
    case 'setPublishing':
      await current.setPublishing(request.roomId, request.userId, request.publishing);
      return null;
    case 'leave':
      await current.leave(request.roomId, request.userId);
      return null;
    case 'closeRoom':
      await current.closeRoom(request.roomId);
      return null;
    case 'stats':
      return current.stats();
    case 'shutdown':
      await current.close();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (message: unknown) => {
  if (!isToMediaProcess(message)) return;
  if (message.type === 'init') {
    if (sfu) return;
    const created = new Sfu(message.options);
    created.onSpeaking((roomId, levels) => {
      reply({ type: 'speaking', roomId, levels });
    });
    sfu = created;
    reply({ type: 'ready' });
    return;
  }
  const { id, request } = message;
  if (!sfu) {
    reply({ type: 'response', id, ok: false, code: 'UNAVAILABLE', message: 'not initialised' });
    return;
  }
  handle(sfu, request).then(
    (result) => {
      reply({ type: 'response', id, ok: true, result });
    },
    (error: unknown) => {
      reply(
        error instanceof MediaPlaneError
          ? { type: 'response', id, ok: false, code: error.code, message: error.message }
          : { type: 'response', id, ok: false, code: 'INTERNAL', message: String(error) },
      );
    },
  );
});

process.on('disconnect', () => {
  void (sfu?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});

// werift rejects promises of its own on sockets and timers of connections already closed; one of
// those must not take every room's audio down with it. An uncaught exception still ends the
// process (its state is unknown) and the parent starts a new one.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`media process: unhandled rejection: ${String(reason)}\n`);
});
