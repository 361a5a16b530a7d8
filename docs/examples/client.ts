import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { WorkspaceOverviewDocument } from './generated/graphql';

/** One GraphQL error as the portal sends it: `extensions.code` is one of a closed set. */
export interface PortalError {
  message: string;
  extensions?: { code?: string; field?: string; retryAfter?: number };
}

/** Sends one typed operation with an application token; throws with the portal's error codes. */
export async function portalRequest<Result, Variables>(
  url: string,
  token: string,
  document: TypedDocumentNode<Result, Variables>,
  variables?: Variables,
): Promise<Result> {
  const response = await fetch(`${url}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: Result; errors?: PortalError[] };
  if (body.errors?.length || !body.data) {
    const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? 'UNKNOWN').join(', ');
    throw new Error(`Portal answered ${response.status} (${codes}): ${body.errors?.[0]?.message ?? 'no data'}`);
  }
  return body.data;
}

/** Example: what the token sees. Typed end to end: `overview.viewer.activeWorkspace?.organization.currency` is a string. */
export async function describeWorkspace(url: string, token: string): Promise<string> {
  const overview = await portalRequest(url, token, WorkspaceOverviewDocument);
  const workspace = overview.viewer.activeWorkspace;
  return `${workspace?.name} (${workspace?.organization.currency}), role ${overview.viewer.role}, ${overview.applicationTokens.totalCount} token(s)`;
}
