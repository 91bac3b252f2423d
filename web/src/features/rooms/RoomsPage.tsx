/**
 * /rooms: live rooms to drop into, popular or new, narrowed by language and tag (kept in the
 * address), and the way to start one's own.
 */
import { roomLanguages, ROOM_TAG_MAX_LENGTH } from '@airtalk/contracts';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Button, ButtonLink, EmptyState, Icon, LoadFailed, Loading, RemovableChip } from '../../components';
import { useDescribeError, useDocumentTitle, useResource } from '../../lib';
import { fetchRooms } from './api';
import {
  noRoomFilters,
  roomFiltersFromSearch,
  roomFiltersToSearch,
  roomListQueryString,
  tidyTag,
  type RoomFilters,
} from './filters';
import { NEW_ROOM_PATH } from './paths';
import { RoomCard } from './RoomCard';
import { useRoomWords } from './useRoomWords';
import './rooms.css';

export function RoomsPage() {
  const { t } = useTranslation();
  const describeError = useDescribeError();
  const words = useRoomWords();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = roomFiltersFromSearch(searchParams);
  const query = roomListQueryString(filters);
  const rooms = useResource(`rooms:${query}`, (signal) => fetchRooms(filters, signal));
  const [tagText, setTagText] = useState(filters.tag ?? '');
  const headingId = useId();
  const tagId = useId();
  const languageId = useId();
  useDocumentTitle(t('rooms.title'));

  const setFilters = (next: RoomFilters) => {
    setSearchParams(roomFiltersToSearch(next), { replace: true });
  };
  const filtered = filters.language !== null || filters.tag !== null;

  const searchTag = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilters({ ...filters, tag: tidyTag(tagText) });
  };

  const renderList = () => {
    if (!rooms.data) {
      return rooms.loading ? (
        <Loading />
      ) : (
        <LoadFailed message={t('rooms.list.loadFailed')} detail={describeError(rooms.error)} onRetry={rooms.reload} />
      );
    }
    if (rooms.data.length === 0) {
      return filtered ? (
        <div className="rooms__empty">
          <EmptyState icon="radio" title={t('rooms.list.emptyFilteredTitle')}>
            {t('rooms.list.emptyFilteredBody')}
          </EmptyState>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setTagText('');
              setFilters({ ...noRoomFilters, sort: filters.sort });
            }}
          >
            {t('rooms.list.showAll')}
          </Button>
        </div>
      ) : (
        <div className="rooms__empty">
          <EmptyState icon="radio" title={t('rooms.list.emptyTitle')}>
            {t('rooms.list.emptyBody')}
          </EmptyState>
          <ButtonLink to={NEW_ROOM_PATH} icon={<Icon name="plus" size={18} />}>
            {t('rooms.createButton')}
          </ButtonLink>
        </div>
      );
    }
    return (
      <ul className="rooms__grid" aria-labelledby={headingId}>
        {rooms.data.map((room) => (
          <RoomCard key={room.id} room={room} />
        ))}
      </ul>
    );
  };

  return (
    <div className="page page--wide rooms">
      <header className="rooms__header">
        <div className="page__header">
          <h1 className="page__title">{t('rooms.title')}</h1>
          <p className="page__lead">{t('rooms.lead')}</p>
        </div>
        <ButtonLink to={NEW_ROOM_PATH} icon={<Icon name="plus" size={18} />} className="rooms__create">
          {t('rooms.createButton')}
        </ButtonLink>
      </header>

      <section className="rooms__filters" aria-label={t('rooms.filters.label')}>
        <div className="segmented" role="group" aria-label={t('rooms.filters.sort')}>
          {(['popular', 'new'] as const).map((sort) => (
            <button
              key={sort}
              type="button"
              className="segmented__option"
              aria-pressed={filters.sort === sort}
              onClick={() => {
                setFilters({ ...filters, sort });
              }}
            >
              {t(`rooms.filters.${sort}`)}
            </button>
          ))}
        </div>
        <div className="rooms__filter-fields">
          <div className="rooms__filter">
            <label htmlFor={languageId} className="visually-hidden">
              {t('rooms.filters.language')}
            </label>
            <span className="field__select">
              <select
                id={languageId}
                className="field__input rooms__select"
                value={filters.language ?? ''}
                onChange={(event) => {
                  const language = roomLanguages.find((one) => one === event.target.value) ?? null;
                  setFilters({ ...filters, language });
                }}
              >
                <option value="">{t('rooms.filters.anyLanguage')}</option>
                {roomLanguages.map((language) => (
                  <option key={language} value={language}>
                    {words.languageLabel(language)}
                  </option>
                ))}
              </select>
              <Icon name="chevronDown" size={18} className="field__select-icon" />
            </span>
          </div>
          <form className="rooms__tag-search" role="search" onSubmit={searchTag}>
            <label htmlFor={tagId} className="visually-hidden">
              {t('rooms.filters.tag')}
            </label>
            <span className="rooms__tag-hash" aria-hidden="true">
              #
            </span>
            <input
              id={tagId}
              className="field__input rooms__tag-input"
              type="search"
              value={tagText}
              maxLength={ROOM_TAG_MAX_LENGTH + 1}
              placeholder={t('rooms.filters.tagPlaceholder')}
              enterKeyHint="search"
              autoComplete="off"
              onChange={(event) => {
                setTagText(event.target.value);
              }}
            />
            <Button type="submit" variant="secondary" size="sm">
              {t('rooms.filters.search')}
            </Button>
          </form>
        </div>
        {filtered && (
          <ul className="chips" aria-label={t('rooms.filters.active')}>
            {filters.language !== null && (
              <li>
                <RemovableChip
                  removeLabel={t('rooms.filters.remove', { filter: words.languageLabel(filters.language) })}
                  onRemove={() => {
                    setFilters({ ...filters, language: null });
                  }}
                >
                  {words.languageLabel(filters.language)}
                </RemovableChip>
              </li>
            )}
            {filters.tag !== null && (
              <li>
                <RemovableChip
                  removeLabel={t('rooms.filters.remove', { filter: `#${filters.tag}` })}
                  onRemove={() => {
                    setTagText('');
                    setFilters({ ...filters, tag: null });
                  }}
                >
                  #{filters.tag}
                </RemovableChip>
              </li>
            )}
          </ul>
        )}
      </section>

      <section className="rooms__results" aria-labelledby={headingId}>
        <div className="rooms__results-head">
          <h2 id={headingId} className="rooms__heading">
            {t('rooms.list.heading')}
          </h2>
          <Button variant="ghost" size="sm" icon={<Icon name="retry" size={16} />} onClick={rooms.reload}>
            {t('rooms.list.refresh')}
          </Button>
        </div>
        {renderList()}
      </section>
    </div>
  );
}
