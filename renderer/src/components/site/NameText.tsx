import { memo } from 'react';
import { BIDI_FLAG, displayName, NO_NAME_FLAG } from '../../format/names.js';

interface NameTextProps {
  /** The name as the site sent it. */
  readonly name: string | null | undefined;
  /** Shown (marked) instead of a blank name. */
  readonly id: string;
  readonly className?: string;
  readonly testId?: string;
}

/**
 * An untrusted name, cleaned (see displayName) and isolated in a `<bdi>` so what is left of its
 * direction cannot reorder the text beside it. The text truncates with an ellipsis in its cell
 * (site.css `.name`); `title` holds the full name, and the flags stay visible beside it.
 */
export const NameText = memo(function NameText({ name, id, className, testId }: NameTextProps) {
  const shown = displayName(name, id);
  return (
    <span
      className={className === undefined ? 'name' : `name ${className}`}
      data-testid={testId}
      data-fallback={shown.fallback || undefined}
      data-bidi={shown.bidi || undefined}
      title={shown.title}
    >
      <bdi className="name__text">{shown.text}</bdi>
      {shown.fallback ? (
        <span className="name__flag" data-flag="no-name">
          {NO_NAME_FLAG}
        </span>
      ) : null}
      {shown.bidi ? (
        <span className="name__flag" data-flag="bidi" title={BIDI_FLAG}>
          <span className="glyph" aria-hidden="true">
            ⇄
          </span>{' '}
          {BIDI_FLAG}
        </span>
      ) : null}
    </span>
  );
});
