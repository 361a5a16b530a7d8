'use client';

import type { PagedList } from '../api/use-paged-list';

/** Under a paged list: how many are shown, and "Load more" while the server has more. */
export function LoadMore({ list, noun }: { list: PagedList<unknown>; noun: string }) {
  return (
    <div className="load-more">
      <p className="muted small" aria-live="polite">
        Showing {list.nodes.length} of {list.totalCount} {noun}
      </p>
      {list.hasNextPage && (
        <button type="button" className="button button-small" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
      {list.loadMoreError && (
        <p className="form-error small" role="alert">
          {list.loadMoreError.message}
        </p>
      )}
    </div>
  );
}
