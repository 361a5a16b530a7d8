import type { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { authOptions } from '@/auth/next-auth';

export const dynamic = 'force-dynamic';

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

/** next-auth's endpoints (csrf, session, callback/credentials, signout) for browser sign-in. */
export async function GET(request: NextRequest, context: RouteContext): Promise<Response> {
  return NextAuth(request, context, authOptions()) as Promise<Response>;
}

export async function POST(request: NextRequest, context: RouteContext): Promise<Response> {
  return NextAuth(request, context, authOptions()) as Promise<Response>;
}
