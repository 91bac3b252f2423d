/**
 * Recording a voice message with MediaRecorder: Opus in WebM where the browser can, else what it
 * can; the length measured here (recordings made in a browser often carry none), and a stop at
 * the one-minute limit. The microphone is released as soon as a recording ends, so the browser's
 * "in use" sign goes away with it.
 */
import { VOICE_MAX_DURATION_MS, voiceUploadTypes } from '@airtalk/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';

/** Shorter than this is a slip of the finger, not a message. */
export const VOICE_MIN_DURATION_MS = 700;
const TICK_MS = 200;

/** In order of preference; the first the browser can record is used. */
const RECORDING_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

export type RecorderProblem = 'unsupported' | 'blocked' | 'noMicrophone';

export interface Recording {
  blob: Blob;
  durationMs: number;
  /** True when the one-minute limit ended it. */
  reachedLimit: boolean;
}

export function recordingType(isSupported: (type: string) => boolean): string | null {
  return RECORDING_TYPES.find((type) => isSupported(type)) ?? null;
}

/** The type the server will be told: the container without its codec parameters. */
export function uploadTypeOf(mimeType: string): string {
  const container = mimeType.split(';')[0]?.trim() ?? '';
  return (voiceUploadTypes as readonly string[]).includes(container) ? container : 'audio/webm';
}

function problemOf(error: unknown): RecorderProblem {
  if (error instanceof DOMException) {
    if (error.name === 'NotAllowedError' || error.name === 'SecurityError') return 'blocked';
    if (error.name === 'NotFoundError' || error.name === 'OverconstrainedError') return 'noMicrophone';
  }
  return 'unsupported';
}

interface Session {
  recorder: MediaRecorder;
  stream: MediaStream;
  chunks: Blob[];
  startedAtMs: number;
  send: boolean;
  reachedLimit: boolean;
}

export interface VoiceRecorder {
  state: 'idle' | 'starting' | 'recording';
  elapsedMs: number;
  /** Asks the browser for the microphone and starts; resolves with the problem when it can't, else null. */
  start: () => Promise<RecorderProblem | null>;
  /** Ends the recording: `send` hands it to onRecorded, otherwise it is thrown away. */
  finish: (send: boolean) => void;
}

export function useVoiceRecorder(onRecorded: (recording: Recording) => void): VoiceRecorder {
  const [state, setState] = useState<VoiceRecorder['state']>('idle');
  const [elapsedMs, setElapsedMs] = useState(0);
  const session = useRef<Session | null>(null);
  const ticker = useRef<ReturnType<typeof setInterval> | null>(null);
  const onRecordedRef = useRef(onRecorded);

  useEffect(() => {
    onRecordedRef.current = onRecorded;
  });

  const finish = useCallback((send: boolean) => {
    const current = session.current;
    if (!current) return;
    current.send = send;
    if (current.recorder.state !== 'inactive') current.recorder.stop();
  }, []);

  const start = useCallback(async (): Promise<RecorderProblem | null> => {
    if (session.current || typeof MediaRecorder === 'undefined' || !('mediaDevices' in navigator)) {
      return session.current ? null : 'unsupported';
    }
    const mimeType = recordingType((type) => MediaRecorder.isTypeSupported(type));
    setState('starting');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      setState('idle');
      return problemOf(error);
    }
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
    const current: Session = {
      recorder,
      stream,
      chunks: [],
      startedAtMs: performance.now(),
      send: false,
      reachedLimit: false,
    };
    session.current = current;
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) current.chunks.push(event.data);
    };
    recorder.onstop = () => {
      const durationMs = Math.min(VOICE_MAX_DURATION_MS, Math.round(performance.now() - current.startedAtMs));
      for (const track of current.stream.getTracks()) track.stop();
      if (ticker.current !== null) clearInterval(ticker.current);
      ticker.current = null;
      session.current = null;
      setState('idle');
      setElapsedMs(0);
      if (!current.send) return;
      const blob = new Blob(current.chunks, { type: uploadTypeOf(recorder.mimeType || mimeType || '') });
      onRecordedRef.current({ blob, durationMs, reachedLimit: current.reachedLimit });
    };
    recorder.start(TICK_MS * 5);
    setElapsedMs(0);
    setState('recording');
    ticker.current = setInterval(() => {
      const elapsed = performance.now() - current.startedAtMs;
      setElapsedMs(Math.min(elapsed, VOICE_MAX_DURATION_MS));
      if (elapsed >= VOICE_MAX_DURATION_MS && current.recorder.state === 'recording') {
        current.reachedLimit = true;
        finish(true);
      }
    }, TICK_MS);
    return null;
  }, [finish]);

  // Leaving the conversation mid-recording throws the recording away and frees the microphone.
  useEffect(
    () => () => {
      const current = session.current;
      if (!current) return;
      current.send = false;
      if (current.recorder.state !== 'inactive') current.recorder.stop();
      for (const track of current.stream.getTracks()) track.stop();
      if (ticker.current !== null) clearInterval(ticker.current);
    },
    [],
  );

  return { state, elapsedMs, start, finish };
}
