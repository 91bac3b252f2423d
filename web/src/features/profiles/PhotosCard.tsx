/**
 * The photos on my profile: up to six, the first one my avatar. A picked file is checked here
 * before it is sent (count, size, type), an optional caption is checked for contact details, and
 * the upload shows its progress and can be cancelled. The server strips location and other hidden
 * data before anyone sees a photo, and we say so.
 */
import {
  MAX_PHOTOS_PER_USER,
  PHOTO_CAPTION_MAX_LENGTH,
  PHOTO_MAX_UPLOAD_BYTES,
  type PhotoView,
} from '@airtalk/contracts';
import { useEffect, useId, useRef, useState, type ChangeEvent, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Card, Icon, TextAreaField, useToast } from '../../components';
import { useLanguage } from '../../i18n';
import { useDescribeError } from '../../lib';
import { deletePhoto, fetchMyPhotos, uploadPhoto } from './api';
import {
  checkCaption,
  checkPhotoFile,
  isAbort,
  PHOTO_ACCEPT,
  photosLeft,
  uploadPercent,
  uploadProblems,
  type UploadProblems,
} from './photoChecks';

interface Picked {
  file: File;
  previewUrl: string;
}

interface Upload {
  controller: AbortController;
  /** Whole percent sent, or null while the browser can't tell. */
  percent: number | null;
}

const byPosition = (photos: readonly PhotoView[]) => [...photos].sort((a, b) => a.position - b.position);
const MAX_MB = Math.round(PHOTO_MAX_UPLOAD_BYTES / (1024 * 1024));

interface PhotosCardProps {
  photos: readonly PhotoView[];
  onChange: (photos: PhotoView[]) => void;
}

export function PhotosCard({ photos, onChange }: PhotosCardProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const describeError = useDescribeError();
  const toast = useToast();
  const ids = { input: useId(), hint: useId(), error: useId(), privacy: useId(), progress: useId() };
  const inputRef = useRef<HTMLInputElement | null>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [caption, setCaption] = useState('');
  const [problems, setProblems] = useState<UploadProblems>({});
  const [upload, setUpload] = useState<Upload | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const photosRef = useRef(photos);

  useEffect(() => {
    photosRef.current = photos;
  });

  // The preview's object URL lives as long as the pick.
  useEffect(() => {
    if (!picked) return undefined;
    return () => {
      URL.revokeObjectURL(picked.previewUrl);
    };
  }, [picked]);

  // Leaving the page stops an upload in flight.
  const uploadRef = useRef<Upload | null>(null);
  useEffect(() => {
    uploadRef.current = upload;
  });
  useEffect(
    () => () => {
      uploadRef.current?.controller.abort();
    },
    [],
  );

  const left = photosLeft(photos.length);
  const full = left === 0;

  const clearPick = () => {
    setPicked(null);
    setCaption('');
    setProblems({});
  };

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    // Cleared at once, so picking the same file again after a problem still counts as a change.
    input.value = '';
    if (!file) return;
    const problem = checkPhotoFile(file, photos.length, language);
    if (problem) {
      setPicked(null);
      setProblems({ photo: problem });
      return;
    }
    setProblems({});
    setPicked({ file, previewUrl: URL.createObjectURL(file) });
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!picked || upload) return;
    const photoProblem = checkPhotoFile(picked.file, photos.length, language);
    const captionProblem = checkCaption(caption, language);
    if (photoProblem || captionProblem) {
      setProblems({
        ...(photoProblem ? { photo: photoProblem } : {}),
        ...(captionProblem ? { caption: captionProblem } : {}),
      });
      return;
    }
    const controller = new AbortController();
    setProblems({});
    setUpload({ controller, percent: 0 });
    try {
      const photo = await uploadPhoto(picked.file, caption, {
        signal: controller.signal,
        onProgress: (sent, total) => {
          const percent = uploadPercent(sent, total);
          setUpload((current) => (current?.controller === controller ? { controller, percent } : current));
        },
      });
      onChange(byPosition([...photosRef.current.filter((existing) => existing.id !== photo.id), photo]));
      clearPick();
      toast(t('photos.uploaded'));
      inputRef.current?.focus();
    } catch (error) {
      if (isAbort(error)) {
        toast(t('photos.cancelled'), 'info');
        return;
      }
      setProblems(uploadProblems(error, language, describeError));
    } finally {
      setUpload((current) => (current?.controller === controller ? null : current));
    }
  };

  const remove = async (photo: PhotoView, number: number) => {
    if (removing) return;
    setRemoving(photo.id);
    try {
      await deletePhoto(photo.id);
      onChange(photosRef.current.filter((existing) => existing.id !== photo.id));
      toast(t('photos.removed', { n: number }));
      inputRef.current?.focus();
      // Positions may move up when one goes; take the server's order.
      fetchMyPhotos().then(
        (fresh) => {
          onChange(byPosition(fresh));
        },
        () => undefined,
      );
    } catch (error) {
      toast(describeError(error), 'error');
    } finally {
      setRemoving(null);
    }
  };

  const describedBy = [problems.photo ? ids.error : null, ids.hint, ids.privacy].filter(Boolean).join(' ');
  const uploading = upload !== null;
  const sentAll = upload?.percent === 100;

  return (
    <Card heading={t('photos.heading')} description={t('photos.description', { max: MAX_PHOTOS_PER_USER })}>
      <p id={ids.privacy} className="photos__privacy">
        <Icon name="shield" size={18} />
        <span>{t('photos.privacyNote')}</span>
      </p>

      {photos.length > 0 ? (
        <ul className="photos__grid">
          {photos.map((photo, index) => (
            <li key={photo.id} className="photos__tile">
              <img
                className="photos__image"
                src={photo.url}
                width={photo.width}
                height={photo.height}
                alt={photo.caption ?? t('photos.photoOf', { n: index + 1, total: photos.length })}
                loading="lazy"
                decoding="async"
              />
              {index === 0 && (
                <span className="photos__badge">
                  <Badge>{t('photos.avatar')}</Badge>
                </span>
              )}
              <button
                type="button"
                className="photos__remove"
                aria-busy={removing === photo.id || undefined}
                aria-disabled={removing !== null || undefined}
                onClick={() => void remove(photo, index + 1)}
              >
                <Icon name="trash" size={18} />
                <span className="visually-hidden">{t('photos.remove', { n: index + 1 })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('photos.empty')}</p>
      )}

      <form className="photos__add" noValidate onSubmit={(event) => void submit(event)}>
        <div className={problems.photo ? 'field field--invalid' : 'field'}>
          <div className="photos__picker">
            <input
              ref={inputRef}
              id={ids.input}
              className="photos__input visually-hidden"
              type="file"
              name="photo"
              accept={PHOTO_ACCEPT}
              disabled={uploading}
              aria-describedby={describedBy}
              aria-invalid={problems.photo ? true : undefined}
              onChange={pick}
            />
            <label
              htmlFor={ids.input}
              className="button button--secondary button--md photos__pick"
              aria-disabled={uploading || undefined}
            >
              <Icon name="plus" size={18} />
              <span className="button__label">{t('photos.add')}</span>
            </label>
            <span className="photos__count">
              {t('photos.count', { count: photos.length, max: MAX_PHOTOS_PER_USER })}
            </span>
          </div>
          {problems.photo && (
            <p className="field__error" id={ids.error} role="alert">
              <Icon name="alert" size={16} />
              <span>{problems.photo}</span>
            </p>
          )}
          <p className="field__hint" id={ids.hint}>
            {full ? t('photos.full', { max: MAX_PHOTOS_PER_USER }) : t('photos.addHint', { mb: MAX_MB })}
          </p>
        </div>

        {picked && (
          <div className="photos__pending">
            <img className="photos__preview" src={picked.previewUrl} alt={t('photos.previewAlt')} />
            <div className="photos__pending-body">
              <TextAreaField
                label={t('photos.caption')}
                hint={t('photos.captionHint')}
                name="caption"
                rows={2}
                limit={PHOTO_CAPTION_MAX_LENGTH}
                value={caption}
                readOnly={uploading}
                error={problems.caption}
                onChange={(event) => {
                  setCaption(event.target.value);
                  setProblems((current) => ({ ...current, caption: undefined }));
                }}
                onBlur={() => {
                  const problem = checkCaption(caption, language);
                  setProblems((current) => ({ ...current, caption: problem }));
                }}
              />
              {upload && (
                <div className="photos__progress">
                  <div className="photos__progress-label">
                    <span id={ids.progress} role="status">
                      {sentAll ? t('photos.processing') : t('photos.uploading')}
                    </span>
                    {upload.percent !== null && <span aria-hidden="true">{upload.percent}%</span>}
                  </div>
                  <progress
                    className="photos__bar"
                    aria-labelledby={ids.progress}
                    max={100}
                    {...(upload.percent === null || sentAll ? {} : { value: upload.percent })}
                  />
                </div>
              )}
              <div className="photos__actions">
                {upload ? (
                  <Button
                    variant="secondary"
                    icon={<Icon name="close" size={18} />}
                    onClick={() => {
                      upload.controller.abort();
                    }}
                  >
                    {t('photos.cancelUpload')}
                  </Button>
                ) : (
                  <>
                    <Button variant="ghost" onClick={clearPick}>
                      {t('photos.cancel')}
                    </Button>
                    <Button type="submit" icon={<Icon name="image" size={18} />}>
                      {t('photos.upload')}
                    </Button>
                  </>
                )}
              </div>
            </div>
          </div>
        )}
      </form>
    </Card>
  );
}
