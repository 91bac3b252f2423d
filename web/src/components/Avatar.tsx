/** A round avatar with initials on a colour picked from the name, so the same person keeps the same colour. */
import type { CSSProperties } from 'react';
import './Avatar.css';

const HUES = [346, 18, 35, 150, 190, 220, 265, 300] as const;

/** Up to two initials: first letters of the first two words, or the first character of a CJK name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '');
  return letters.join('').toLocaleUpperCase() || '?';
}

function hueOf(name: string): number {
  let hash = 0;
  for (const character of name) hash = (hash * 31 + (character.codePointAt(0) ?? 0)) >>> 0;
  return HUES[hash % HUES.length] ?? HUES[0];
}

interface AvatarPhoto {
  url: string;
  width: number;
  height: number;
}

interface AvatarProps {
  name: string;
  size?: 'sm' | 'md' | 'lg';
  /** A photo to show instead of the initials, cropped to the circle. */
  photo?: AvatarPhoto | null | undefined;
  /** Text for the photo when it carries meaning of its own; without it the avatar stays decorative. */
  alt?: string | undefined;
}

/** Decorative unless given a photo with alt text: the name is always written next to it. */
export function Avatar({ name, size = 'md', photo, alt }: AvatarProps) {
  if (photo) {
    return (
      <span className={`avatar avatar--${size} avatar--photo`} aria-hidden={alt === undefined ? true : undefined}>
        <img
          className="avatar__image"
          src={photo.url}
          width={photo.width}
          height={photo.height}
          alt={alt ?? ''}
          decoding="async"
        />
      </span>
    );
  }
  return (
    <span
      className={`avatar avatar--${size}`}
      style={{ '--avatar-hue': hueOf(name) } as CSSProperties}
      aria-hidden="true"
    >
      {initialsOf(name)}
    </span>
  );
}
