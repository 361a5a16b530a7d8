import type * as GraphQL from 'graphql';
import type * as Errors from '../errors';
import type * as FormatError from '../graphql/format-error';
import { openRecord } from './request-log';
import type * as RequestScope from './request-scope';

/**
 * `next build` bundles our modules once per entry (the instrumentation hook, each route), and the
 * process-wide runtime made by one copy handles errors and requests of another (docs/architecture.md).
 * jest.isolateModules loads such second copies here.
 */
function secondCopy<T>(load: () => T): T {
  let loaded: T | undefined;
  jest.isolateModules(() => {
    loaded = load();
  });
  if (!loaded) throw new Error('could not load the copy');
  return loaded;
}

describe('several bundled copies of a module in one process', () => {
  const mine = secondCopy(() => require('../errors') as typeof Errors);
  const theirs = secondCopy(() => require('../errors') as typeof Errors);
  const throttled = new theirs.AppError('RATE_LIMITED', 'Too many failed sign-ins; try again in 1 second.', undefined, 1);

  it('recognize each other’s AppErrors (instanceof does not)', () => {
    expect(throttled instanceof mine.AppError).toBe(false);
    expect(mine.isAppError(throttled)).toBe(true);
    expect(mine.isAppError(new Error('x'))).toBe(false);
    expect(mine.isAppError({ code: 'RATE_LIMITED', message: 'forged' })).toBe(false);
  });

  it('format an AppError of another copy with its code, in GraphQL and in route answers', async () => {
    // The formatter's copy comes with its own graphql (in the build, both sit in the same bundle).
    const { format, graphql } = secondCopy(() => ({
      format: require('../graphql/format-error') as typeof FormatError,
      graphql: require('graphql') as typeof GraphQL,
    }));
    const wrapped = new graphql.GraphQLError(throttled.message, { originalError: throttled, path: ['signIn'] });
    expect(format.formatError({ message: wrapped.message, path: ['signIn'] }, wrapped, 'r-1').extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfter: 1,
    });
    const response = mine.errorResponse(throttled, 'r-2', 'graphql');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('share one request scope, so a request id set by one copy is read by another', () => {
    const a = secondCopy(() => require('./request-scope') as typeof RequestScope);
    const b = secondCopy(() => require('./request-scope') as typeof RequestScope);
    expect(a.requestScope).toBe(b.requestScope);
    a.requestScope.run(openRecord('r-3'), () => expect(b.requestScope.getStore()?.requestId).toBe('r-3'));
  });
});
