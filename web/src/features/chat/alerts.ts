/**
 * The sound and buzz for a new message while Airtalk is in the background or another chat is open.
 * Off until the person turns it on (the choice is kept on this device); a short tone made with
 * WebAudio, so no sound file is downloaded, and a vibration where the device has one.
 */
const STORAGE_KEY = 'airtalk.chat.alerts';
const TONE_HZ = 880;
const TONE_MS = 160;
const VIBRATION_MS = [80, 60, 80];
/** Several messages at once make one sound, not a burst. */
const QUIET_AFTER_ALERT_MS = 1500;

let audio: AudioContext | null = null;
let lastAlertAtMs = 0;

export function alertsEnabled(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

export function setAlertsEnabled(enabled: boolean): void {
  try {
    if (enabled) localStorage.setItem(STORAGE_KEY, 'on');
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private modes may refuse storage; the choice then lasts until the page closes.
  }
  if (enabled) prepareAudio();
}

/**
 * Browsers let a page make sound only after the person interacted with it; turning alerts on is
 * such a moment, so the audio context is made (or woken) then.
 */
export function prepareAudio(): void {
  if (typeof AudioContext === 'undefined') return;
  audio ??= new AudioContext();
  if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
}

function playTone(): void {
  if (!audio || audio.state !== 'running') return;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  const startS = audio.currentTime;
  const endS = startS + TONE_MS / 1000;
  oscillator.type = 'sine';
  oscillator.frequency.value = TONE_HZ;
  // A quick fade in and out: a click-free "ding" instead of a square beep.
  gain.gain.setValueAtTime(0.0001, startS);
  gain.gain.exponentialRampToValueAtTime(0.2, startS + 0.015);
  gain.gain.exponentialRampToValueAtTime(0.0001, endS);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(startS);
  oscillator.stop(endS);
}

export function alertNewMessage(nowMs: number): void {
  if (nowMs - lastAlertAtMs < QUIET_AFTER_ALERT_MS) return;
  lastAlertAtMs = nowMs;
  playTone();
  if (typeof navigator.vibrate === 'function') navigator.vibrate(VIBRATION_MS);
}
