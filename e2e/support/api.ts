import { httpRequest } from './http';

/** Calls the running server's GraphQL API over HTTP, as an integrator would (Bearer session token). */
export interface ApiResult<T> {
  data: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export async function callApi<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await httpRequest(`${url}/api/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return JSON.parse(response.text) as ApiResult<T>;
}

/** Same, failing on any error. */
export async function api<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const result = await callApi<T>(url, query, variables, token);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL failed: ${JSON.stringify(result.errors)}\n${query}`);
  return result.data;
}

export async function signInToken(url: string, email: string, password: string): Promise<string> {
  const data = await api<{ signIn: { token: string } }>(
    url,
    'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
    { e: email, p: password },
  );
  return data.signIn.token;
}
