import { handleGraphQL } from '@/graphql/handler';
import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';

/** The GraphQL API (docs/api.md): one POST endpoint for the portal and integrators. */
export async function POST(request: Request): Promise<Response> {
  return handleGraphQL(request, await getRuntime());
}
