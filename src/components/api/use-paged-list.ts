'use client';

import { useCallback, useState } from 'react';
import { ApiError, request, type TypedDocument } from './client';
import { type OperationState, useOperation } from './use-operation';

/** What a paged list reads of a connection; every list query of documents/*.graphql selects these fields. */
export interface Page<TNode> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: ReadonlyArray<{ node: TNode }>;
}

export interface PagedList<TNode> {
  /** The first page's state: loading, error (nothing to show) or ready. */
  state: OperationState<unknown>;
  /** Every item loaded so far (first page, then each "Load more"). */
  nodes: TNode[];
  totalCount: number;
  hasNextPage: boolean;
  loadingMore: boolean;
  loadMoreError: ApiError | null;
  loadMore: () => void;
  /** Loads the first page again (after a change), keeping the list on screen until the answer. */
  reload: () => void;
}

interface Extra<TData, TNode> {
  /** The first-page answer these pages follow; a new first page drops them. */
  base: TData;
  pages: Page<TNode>[];
}

/**
 * A cursor-paged list: the first page through useOperation (reloaded when `variables` change), then
 * further pages appended with "Load more" (`after` = the last page's endCursor).
 */
export function usePagedList<TData, TVariables extends { after?: string | null }, TNode>(
  document: TypedDocument<TData, TVariables>,
  variables: Omit<TVariables, 'after'>,
  pick: (data: TData) => Page<TNode>,
  workspaceId: string,
): PagedList<TNode> {
  const firstVariables = { ...variables, after: null } as TVariables;
  const { state, reload } = useOperation(document, firstVariables, { workspaceId });
  const [extra, setExtra] = useState<Extra<TData, TNode> | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<ApiError | null>(null);

  const first = state.status === 'ready' ? pick(state.data) : null;
  const pages = first ? [first, ...(extra && state.status === 'ready' && extra.base === state.data ? extra.pages : [])] : [];
  const last = pages.at(-1);
  const variablesKey = JSON.stringify(variables);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !last?.pageInfo.hasNextPage) return;
    const base = state.data;
    const after = last.pageInfo.endCursor;
    setLoadingMore(true);
    setLoadMoreError(null);
    request(document, { ...(JSON.parse(variablesKey) as Omit<TVariables, 'after'>), after } as TVariables, { workspaceId }).then(
      (data) => {
        setExtra((current) => ({ base, pages: [...(current && current.base === base ? current.pages : []), pick(data)] }));
        setLoadingMore(false);
      },
      (error: unknown) => {
        setLoadMoreError(error instanceof ApiError ? error : new ApiError(String(error), 'NETWORK'));
        setLoadingMore(false);
      },
    );
  }, [state, last, document, variablesKey, workspaceId, pick]);

  const reloadAll = useCallback(() => {
    setLoadMoreError(null);
    reload();
  }, [reload]);

  return {
    state,
    nodes: pages.flatMap((page) => page.edges.map((edge) => edge.node)),
    totalCount: last?.totalCount ?? 0,
    hasNextPage: last?.pageInfo.hasNextPage ?? false,
    loadingMore,
    loadMoreError,
    loadMore,
    reload: reloadAll,
  };
}
