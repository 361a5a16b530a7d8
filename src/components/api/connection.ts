/** A Relay connection as the API returns it (edges, pageInfo, totalCount). */
export interface Connection<TNode> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: TNode }[];
}

/** The page fragment every list query asks for. */
export const PAGE_FIELDS = 'totalCount pageInfo { hasNextPage endCursor }';
