/**
 * The browser's GraphQL client: POST /api/graphql with the session cookie, and the Workspace of the
 * page (from its URL) in the x-workspace-id header, so two tabs can act in two Workspaces at once.
 */
import type { TypedDocumentString } from './generated/graphql';

/**
 * An operation of documents/*.graphql as `npm run codegen` compiles it (generated/graphql.ts): the
 * document's text, carrying its result and variable types.
 */
export type TypedDocument<TData, TVariables> = TypedDocumentString<TData, TVariables>;

/** The name of the document's operation, sent along as `operationName`; every portal operation has one. */
export function operationName<TData, TVariables>(document: TypedDocument<TData, TVariables>): string {
  const name = /\b(?:query|mutation)\s+(\w+)/.exec(document.toString())?.[1];
  if (!name) throw new Error('Every operation needs a name.');
  return name;
}

/** An error as the API reports it (extensions.code and .field), or a transport failure (code NETWORK). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The page names a Workspace the viewer cannot enter (or that does not exist: same answer). */
  get isWorkspaceNotFound(): boolean {
    return this.code === 'NOT_FOUND' && this.field === 'x-workspace-id';
  }
}

export interface RequestOptions {
  /** The Workspace the request acts in (the page's); omitted: the viewer's default. */
  workspaceId?: string | null;
  /** Send no cookie (e.g. accepting an invitation while another account is signed in). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

interface GraphQLBody<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export async function request<TData, TVariables>(
  document: TypedDocument<TData, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<TData> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.workspaceId) headers['x-workspace-id'] = options.workspaceId;
  let response: Response;
  try {
    response = await fetch('/api/graphql', {
      method: 'POST',
      headers,
      credentials: options.anonymous ? 'omit' : 'same-origin',
      body: JSON.stringify({ query: document.toString(), variables, operationName: operationName(document) }),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('Cannot reach the server; check your connection and try again.', 'NETWORK');
  }
  let body: GraphQLBody<TData>;
  try {
    body = (await response.json()) as GraphQLBody<TData>;
  } catch {
    throw new ApiError(`The server answered with an unexpected response (HTTP ${response.status}).`, 'NETWORK');
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first.extensions?.field);
  if (!body.data) throw new ApiError(`The server answered without data (HTTP ${response.status}).`, 'NETWORK');
  return body.data;
}
