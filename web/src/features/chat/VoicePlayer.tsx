/**
 * A voice message: play and pause, how far it has played, and its length. The length comes from
 * the message, because recordings made in a browser often carry none the player could read.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components';
import { formatDuration } from './chatFormat';

interface VoicePlayerProps {
  url: string;
  durationMs: number | null;
}

export function VoicePlayer({ url, durationMs }: VoicePlayerProps) {
  const { t } = useTranslation();
  const audioRef = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [playedMs, setPlayedMs] = useState(0);
  const lengthMs = durationMs ?? 0;
  const duration = formatDuration(lengthMs);
  const progress = lengthMs > 0 ? Math.min(1, playedMs / lengthMs) : 0;

  // Another voice message starting stops this one, as on every phone.
  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return undefined;
    const onOtherPlay = (event: Event) => {
      if (event.target !== audio && event.target instanceof HTMLAudioElement) audio.pause();
    };
    document.addEventListener('play', onOtherPlay, true);
    return () => {
      document.removeEventListener('play', onOtherPlay, true);
    };
  }, []);

  const toggle = () => {
    const audio = audioRef.current;
    if (!audio) return;
    if (audio.paused) void audio.play().catch(() => undefined);
    else audio.pause();
  };

  return (
    <span className="voice">
      <button
        type="button"
        className="voice__play"
        aria-label={playing ? t('chat.voice.pause') : t('chat.voice.play', { duration })}
        onClick={toggle}
      >
        <Icon name={playing ? 'pause' : 'play'} size={18} />
      </button>
      <span className="voice__track" aria-hidden="true">
        <span className="voice__played" style={{ width: `${progress * 100}%` }} />
      </span>
      <span className="voice__time" aria-hidden="true">
        {playing || playedMs > 0 ? formatDuration(playedMs) : duration}
      </span>
      <audio
        ref={audioRef}
        src={url}
        preload="none"
        onPlay={() => {
          setPlaying(true);
        }}
        onPause={() => {
          setPlaying(false);
        }}
        onEnded={() => {
          setPlaying(false);
          setPlayedMs(0);
        }}
        onTimeUpdate={(event) => {
          setPlayedMs(event.currentTarget.currentTime * 1000);
        }}
      />
    </span>
  );
}
