/**
 * Writing a message: text (Enter sends, Shift+Enter starts a new line, and never while an input
 * method is composing Chinese), a photo, or a voice message. The microphone button records on a
 * tap (tap again to send) or while held (release to send); a recording shows its time and stops
 * itself at one minute. Typing is told to the other person as it happens.
 */
import {
  MESSAGE_TEXT_MAX_LENGTH,
  PHOTO_MAX_UPLOAD_BYTES,
  photoUploadTypes,
  VOICE_MAX_DURATION_MS,
} from '@airtalk/contracts';
import { useId, useRef, useState, type ChangeEvent, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Icon } from '../../components';
import { formatDuration } from './chatFormat';
import { useChatClient } from './ChatProvider';
import { useVoiceRecorder, VOICE_MIN_DURATION_MS, type Recording } from './useVoiceRecorder';

/** Held at least this long, the microphone button records until released; shorter is a tap. */
const HOLD_MS = 450;
/** The character count shows once a message gets this close to the limit. */
const COUNT_SHOWN_FROM = MESSAGE_TEXT_MAX_LENGTH - 400;
const PHOTO_ACCEPT = photoUploadTypes.join(',');

/** Unsent text per conversation, kept while the app is open so switching chats loses nothing. */
const drafts = new Map<string, string>();

async function imageSize(file: File): Promise<{ width: number; height: number } | null> {
  if (typeof createImageBitmap === 'undefined') return null;
  try {
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return null;
  }
}

interface ComposerProps {
  conversationId: string;
  /** Runs `then` once the microphone consent is known to be granted (asking for it first if needed). */
  onNeedMicrophone: (then: () => void) => void;
}

export function Composer({ conversationId, onNeedMicrophone }: ComposerProps) {
  const { t } = useTranslation();
  const client = useChatClient();
  const inputId = useId();
  const fileId = useId();
  const problemId = useId();
  const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const press = useRef<number | null>(null);
  const ignoreClick = useRef(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const onRecorded = (recording: Recording) => {
    if (recording.durationMs < VOICE_MIN_DURATION_MS) {
      setProblem(t('chat.voice.tooShort'));
      return;
    }
    client.sendMedia(conversationId, {
      kind: 'voice',
      blob: recording.blob,
      width: null,
      height: null,
      durationMs: recording.durationMs,
    });
    setProblem(recording.reachedLimit ? t('chat.voice.limitReached') : null);
  };
  const recorder = useVoiceRecorder(onRecorded);
  const recording = recorder.state !== 'idle';

  const changeText = (value: string) => {
    setText(value);
    drafts.set(conversationId, value);
    if (problem) setProblem(null);
    if (value.trim() === '') client.stopTyping(conversationId);
    else client.noteTyping(conversationId);
  };

  const sendText = () => {
    const message = text.trim();
    if (message === '') return;
    if (message.length > MESSAGE_TEXT_MAX_LENGTH) {
      setProblem(t('chat.composer.tooLong', { max: MESSAGE_TEXT_MAX_LENGTH, count: message.length }));
      return;
    }
    client.sendText(conversationId, message);
    setText('');
    drafts.delete(conversationId);
    setProblem(null);
    textareaRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    sendText();
  };

  const pickPhoto = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    // Cleared at once, so picking the same file again still counts as a change.
    input.value = '';
    if (!file) return;
    if (file.size > PHOTO_MAX_UPLOAD_BYTES) {
      setProblem(t('chat.composer.photoTooLarge'));
      return;
    }
    if (file.type !== '' && !(photoUploadTypes as readonly string[]).includes(file.type)) {
      setProblem(t('chat.composer.photoType'));
      return;
    }
    setProblem(null);
    const size = await imageSize(file);
    client.sendMedia(conversationId, {
      kind: 'image',
      blob: file,
      width: size?.width ?? null,
      height: size?.height ?? null,
      durationMs: null,
    });
  };

  const startRecording = () => {
    setProblem(null);
    onNeedMicrophone(() => {
      void recorder.start().then((failure) => {
        if (failure) setProblem(t(`chat.voice.${failure}`));
      });
    });
  };

  const micPointerDown = (event: PointerEvent<HTMLButtonElement>) => {
    if (event.button !== 0 || recorder.state !== 'idle') return;
    // The release still reaches this button if the finger slides off it.
    event.currentTarget.setPointerCapture(event.pointerId);
    press.current = performance.now();
    startRecording();
  };

  const micPointerUp = () => {
    const pressedAt = press.current;
    if (pressedAt === null) return;
    press.current = null;
    // The click that follows this release is part of the same press.
    ignoreClick.current = true;
    if (performance.now() - pressedAt >= HOLD_MS && recorder.state === 'recording') recorder.finish(true);
  };

  const micClick = () => {
    if (ignoreClick.current) {
      ignoreClick.current = false;
      return;
    }
    if (recorder.state === 'recording') recorder.finish(true);
    else if (recorder.state === 'idle') startRecording();
  };

  const count = text.trim().length;
  const showCount = count >= COUNT_SHOWN_FROM;

  return (
    <form
      className="composer"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        sendText();
      }}
    >
      <p id={problemId} className="composer__problem" role="alert">
        {problem}
      </p>
      <div className="composer__row">
        {recording ? (
          <div className="composer__recording" role="status">
            <span className="composer__dot" aria-hidden="true" />
            <span className="composer__recording-label">{t('chat.voice.recording')}</span>
            <span className="composer__timer">
              {formatDuration(recorder.elapsedMs)} / {formatDuration(VOICE_MAX_DURATION_MS)}
            </span>
            <Button
              variant="ghost"
              size="sm"
              className="composer__cancel"
              aria-label={t('chat.voice.cancel')}
              onClick={() => {
                recorder.finish(false);
              }}
            >
              {t('common.cancel')}
            </Button>
          </div>
        ) : (
          <>
            <input
              id={fileId}
              className="visually-hidden composer__file"
              type="file"
              accept={PHOTO_ACCEPT}
              onChange={(event) => void pickPhoto(event)}
            />
            <label htmlFor={fileId} className="composer__icon-button">
              <Icon name="image" size={22} />
              <span className="visually-hidden">{t('chat.composer.attachPhoto')}</span>
            </label>
            <label htmlFor={inputId} className="visually-hidden">
              {t('chat.composer.label')}
            </label>
            <textarea
              ref={textareaRef}
              id={inputId}
              className="composer__input"
              rows={1}
              value={text}
              placeholder={t('chat.composer.placeholder')}
              aria-describedby={problem ? problemId : undefined}
              aria-invalid={count > MESSAGE_TEXT_MAX_LENGTH || undefined}
              enterKeyHint="send"
              onChange={(event) => {
                changeText(event.target.value);
              }}
              onKeyDown={onKeyDown}
              onBlur={() => {
                client.stopTyping(conversationId);
              }}
            />
          </>
        )}
        {count > 0 && !recording ? (
          <button key="send" type="submit" className="composer__send">
            <Icon name="send" size={20} />
            <span className="visually-hidden">{t('chat.composer.send')}</span>
          </button>
        ) : (
          <button
            key="voice"
            type="button"
            className={recording ? 'composer__send composer__send--recording' : 'composer__icon-button composer__mic'}
            aria-describedby={recording ? undefined : `${inputId}-voice-hint`}
            aria-busy={recorder.state === 'starting' || undefined}
            onPointerDown={micPointerDown}
            onPointerUp={micPointerUp}
            onPointerCancel={() => {
              press.current = null;
            }}
            onClick={micClick}
          >
            <Icon name={recording ? 'send' : 'mic'} size={recording ? 20 : 22} />
            <span className="visually-hidden">{recording ? t('chat.voice.stopAndSend') : t('chat.voice.record')}</span>
          </button>
        )}
      </div>
      {showCount && !recording && (
        <p className={count > MESSAGE_TEXT_MAX_LENGTH ? 'composer__count composer__count--over' : 'composer__count'}>
          {count}/{MESSAGE_TEXT_MAX_LENGTH}
        </p>
      )}
      <p id={`${inputId}-voice-hint`} className="visually-hidden">
        {t('chat.voice.recordHint')}
      </p>
    </form>
  );
}
