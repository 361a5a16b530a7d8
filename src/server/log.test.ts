import { captureLogs } from '../../test/logs';
import { parseLogLevel } from './log';
import { serializeError } from './safe-error';

describe('LOG_LEVEL', () => {
  it('defaults to info, accepts pino levels and silent, refuses anything else', () => {
    expect(parseLogLevel(undefined)).toBe('info');
    expect(parseLogLevel('DEBUG')).toBe('debug');
    expect(parseLogLevel('silent')).toBe('silent');
    expect(() => parseLogLevel('verbose')).toThrow(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
  });

  it('silent writes nothing; warn leaves out info', () => {
    const silent = captureLogs('silent');
    silent.logger.error('boom');
    expect(silent.text()).toBe('');
    const warn = captureLogs('warn');
    warn.logger.info('chatter');
    warn.logger.warn('heads up');
    expect(warn.lines().map((line) => [line.level, line.msg])).toEqual([['warn', 'heads up']]);
  });
});

describe('what the log never shows', () => {
  it('redacts secret-named fields wherever a caller put them', () => {
    const logs = captureLogs();
    logs.logger.info({
      password: 'p4ssw0rd',
      headers: { authorization: 'Bearer abc.def', cookie: 'session=xyz' },
      user: { token: 't0k3n' },
    });
    expect(logs.text()).not.toMatch(/p4ssw0rd|abc\.def|session=xyz|t0k3n/);
    expect(logs.lines()[0]?.password).toBe('[redacted]');
  });

  it('keeps no credentials of URLs or key=value pairs in error messages, and walks the causes', () => {
    const cause = Object.assign(new Error('connect to postgres://portal:s3cret@db:5432/portal failed; password=hunter2'), {
      code: 'ECONNREFUSED',
      detail: 'Key (email)=(alice@example.test) already exists.',
    });
    const error = new Error('request failed', { cause });
    const safe = serializeError(error);
    expect(safe.cause?.message).toBe('connect to postgres://[redacted]@db:5432/portal failed; password=[redacted]');
    expect(safe.cause?.code).toBe('ECONNREFUSED');
    expect(JSON.stringify(safe)).not.toMatch(/s3cret|hunter2|alice@example\.test/);
  });

  it('blots out every bind parameter of the chain from every message, even nested in JSON', () => {
    const driver = new Error('invalid input syntax for type uuid: "my-token-value"');
    const query = Object.assign(new Error('Failed query: select 1 where id = $1\nparams: my-token-value,{"tag":"deep-secret"}'), {
      query: 'select 1 where id = $1',
      params: ['my-token-value', { tag: 'deep-secret' }],
      cause: driver,
    });
    const safe = serializeError(query);
    expect(safe).toEqual(
      expect.objectContaining({
        message: 'Failed query',
        query: 'select 1 where id = $1',
        cause: expect.objectContaining({ message: 'invalid input syntax for type uuid: "[param]"' }),
      }),
    );
    expect(JSON.stringify(safe)).not.toMatch(/my-token-value|deep-secret/);
  });
});
