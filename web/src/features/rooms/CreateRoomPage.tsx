/**
 * /rooms/new: a room's name, topic, tags and language, how many mic seats and who may sit on them,
 * and an optional password. Contact details are caught under the field before sending, with the
 * server's own words after; a created room opens at once.
 */
import {
  CreateRoomInputSchema,
  ROOM_PASSWORD_MAX_LENGTH,
  ROOM_PASSWORD_MIN_LENGTH,
  ROOM_SEATS_DEFAULT,
  ROOM_SEATS_MAX,
  ROOM_SEATS_MIN,
  ROOM_TAG_MAX_LENGTH,
  ROOM_TAGS_MAX,
  ROOM_TITLE_MAX_LENGTH,
  ROOM_TOPIC_MAX_LENGTH,
  roomLanguages,
  translateFieldMessage,
  type Language,
  type RoomLanguage,
} from '@airtalk/contracts';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  BackLink,
  Button,
  Card,
  FormAlert,
  Icon,
  PasswordField,
  SelectField,
  Switch,
  TextAreaField,
  TextField,
  useToast,
} from '../../components';
import { useLanguage } from '../../i18n';
import { checkField, useDocumentTitle, useFormErrors } from '../../lib';
import { contactInfoMessage, PHOTO_ACCEPT } from '../profiles';
import { createRoom, uploadRoomCover } from './api';
import { parseTags } from './filters';
import { ROOMS_PATH, roomPath } from './paths';
import { rememberRoomPassword } from './session';
import { useRoomWords } from './useRoomWords';
import './rooms.css';

const FIELDS = ['title', 'topic', 'tags', 'language', 'password', 'seatCount', 'freeSeating'] as const;
type FieldName = (typeof FIELDS)[number];

const SEAT_CHOICES = Array.from({ length: ROOM_SEATS_MAX - ROOM_SEATS_MIN + 1 }, (_, index) => ROOM_SEATS_MIN + index);

const isRoomLanguage = (value: string): value is RoomLanguage => (roomLanguages as readonly string[]).includes(value);

/** The room's language guessed from the app's: Chinese readers most likely talk in Chinese. */
const defaultLanguage = (language: Language): RoomLanguage => (language === 'zh' ? 'zh' : 'en');

export function checkTitle(value: string, language: Language): string | undefined {
  return checkField(CreateRoomInputSchema.shape.title, value, language) ?? contactInfoMessage(value, language);
}

export function checkTopic(value: string, language: Language): string | undefined {
  if (value.trim().length > ROOM_TOPIC_MAX_LENGTH) return translateFieldMessage('field.tooLong', language);
  return contactInfoMessage(value, language);
}

export function checkTags(tags: readonly string[], language: Language): string | undefined {
  if (tags.length > ROOM_TAGS_MAX) return translateFieldMessage('room.tooManyTags', language);
  if (tags.some((tag) => tag.length > ROOM_TAG_MAX_LENGTH)) return translateFieldMessage('field.tooLong', language);
  for (const tag of tags) {
    const contact = contactInfoMessage(tag, language);
    if (contact) return contact;
  }
  return undefined;
}

export function checkPassword(value: string, language: Language): string | undefined {
  if (value === '') return undefined;
  return value.length < ROOM_PASSWORD_MIN_LENGTH || value.length > ROOM_PASSWORD_MAX_LENGTH
    ? translateFieldMessage('room.passwordLength', language)
    : undefined;
}

/** The server names a problem in one tag as "tags.2"; the form shows it under the tags. */
function foldTagFields(fields: Partial<Record<FieldName, string>>, serverFields: Readonly<Record<string, string>>) {
  for (const [name, message] of Object.entries(serverFields)) {
    if (/^tags\.\d+$/.test(name)) fields.tags ??= message;
  }
}

export function CreateRoomPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const words = useRoomWords();
  const toast = useToast();
  const navigate = useNavigate();
  const { attachForm, ...form } = useFormErrors(FIELDS);
  const [title, setTitle] = useState('');
  const [topic, setTopic] = useState('');
  const [tagsText, setTagsText] = useState('');
  const [roomLanguage, setRoomLanguage] = useState<RoomLanguage>(() => defaultLanguage(language));
  const [seatCount, setSeatCount] = useState(ROOM_SEATS_DEFAULT);
  const [freeSeating, setFreeSeating] = useState(true);
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [cover, setCover] = useState<File | null>(null);
  const coverInputId = useId();
  useDocumentTitle(t('rooms.create.title'));

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const tags = parseTags(tagsText);
    const problems = form.reject({
      title: checkTitle(title, language),
      topic: checkTopic(topic, language),
      tags: checkTags(tags, language),
      password: checkPassword(password, language),
    });
    if (problems) return;
    setSubmitting(true);
    try {
      const room = await createRoom({
        title: title.trim(),
        topic: topic.trim(),
        tags,
        language: roomLanguage,
        seatCount,
        freeSeating,
        ...(password === '' ? {} : { password }),
      });
      // The creator knows the password: the room page joins with it without asking.
      if (password !== '') rememberRoomPassword(room.id, password);
      // The room is live either way; a cover that fails is said, not a reason to stay here.
      if (cover)
        await uploadRoomCover(room.id, cover).catch(() => {
          toast(t('rooms.create.coverFailed'));
        });
      toast(t('rooms.create.created'));
      void navigate(roomPath(room.id), { replace: true });
    } catch (error) {
      setSubmitting(false);
      form.showFailure(error, (fields, apiError) => {
        foldTagFields(fields, apiError.fields);
      });
    }
  };

  return (
    <div className="page">
      <BackLink to={ROOMS_PATH}>{t('rooms.create.back')}</BackLink>
      <header className="page__header">
        <h1 className="page__title">{t('rooms.create.title')}</h1>
        <p className="page__lead">{t('rooms.create.lead')}</p>
      </header>
      <form ref={attachForm} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <Card heading={t('rooms.create.aboutHeading')}>
          <TextField
            label={t('rooms.create.name')}
            name="title"
            value={title}
            maxLength={ROOM_TITLE_MAX_LENGTH + 20}
            error={form.errors.title}
            required
            autoComplete="off"
            onChange={(event) => {
              setTitle(event.target.value);
              form.setFieldError('title', undefined);
            }}
            onBlur={() => {
              if (title.trim() !== '') form.setFieldError('title', checkTitle(title, language));
            }}
          />
          <TextAreaField
            label={t('rooms.create.topic')}
            hint={t('rooms.create.topicHint')}
            name="topic"
            rows={3}
            value={topic}
            limit={ROOM_TOPIC_MAX_LENGTH}
            error={form.errors.topic}
            onChange={(event) => {
              setTopic(event.target.value);
              form.setFieldError('topic', undefined);
            }}
            onBlur={() => {
              form.setFieldError('topic', checkTopic(topic, language));
            }}
          />
          <TextField
            label={t('rooms.create.tags')}
            hint={t('rooms.create.tagsHint')}
            name="tags"
            value={tagsText}
            error={form.errors.tags}
            autoComplete="off"
            onChange={(event) => {
              setTagsText(event.target.value);
              form.setFieldError('tags', undefined);
            }}
            onBlur={() => {
              form.setFieldError('tags', checkTags(parseTags(tagsText), language));
            }}
          />
          <div className="field">
            <label className="field__label" htmlFor={coverInputId}>
              {t('rooms.create.cover')}
            </label>
            <input
              id={coverInputId}
              className="field__input"
              type="file"
              name="cover"
              accept={PHOTO_ACCEPT}
              aria-describedby={`${coverInputId}-hint`}
              onChange={(event) => {
                setCover(event.target.files?.[0] ?? null);
              }}
            />
            <p className="field__hint" id={`${coverInputId}-hint`}>
              {t('rooms.create.coverHint')}
            </p>
          </div>
          <SelectField
            label={t('rooms.create.language')}
            name="language"
            value={roomLanguage}
            error={form.errors.language}
            onChange={(event) => {
              if (isRoomLanguage(event.target.value)) setRoomLanguage(event.target.value);
            }}
          >
            {roomLanguages.map((one) => (
              <option key={one} value={one}>
                {words.languageLabel(one)}
              </option>
            ))}
          </SelectField>
        </Card>
        <Card heading={t('rooms.create.seatsHeading')}>
          <SelectField
            label={t('rooms.create.seats')}
            name="seatCount"
            value={seatCount}
            error={form.errors.seatCount}
            onChange={(event) => {
              setSeatCount(Number(event.target.value));
            }}
          >
            {SEAT_CHOICES.map((count) => (
              <option key={count} value={count}>
                {t('rooms.create.seatCount', { count })}
              </option>
            ))}
          </SelectField>
          <Switch
            label={t('rooms.create.freeSeating')}
            description={t('rooms.create.freeSeatingHint')}
            checked={freeSeating}
            onChange={setFreeSeating}
          />
          <PasswordField
            label={t('rooms.create.password')}
            hint={t('rooms.create.passwordHint')}
            name="password"
            value={password}
            maxLength={ROOM_PASSWORD_MAX_LENGTH}
            autoComplete="new-password"
            error={form.errors.password}
            onChange={(event) => {
              setPassword(event.target.value);
              form.setFieldError('password', undefined);
            }}
          />
        </Card>
        {form.formError && <FormAlert>{form.formError}</FormAlert>}
        <div className="form__footer form__footer--end">
          <Button type="submit" loading={submitting} icon={<Icon name="radio" size={18} />}>
            {t('rooms.create.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
