import { CLIENT_ADDRESS_HEADER, clientAddressHeaderValue, clientAddressOf, clientIpOf } from './client-ip';

describe('the client address', () => {
  it('is the socket peer with no trusted proxy: X-Forwarded-For is ignored', () => {
    expect(clientAddressOf('203.0.113.7', '127.0.0.2', 0)).toBe('127.0.0.2');
    expect(clientAddressOf(undefined, '::ffff:127.0.0.2', 0)).toBe('127.0.0.2');
    expect(clientAddressOf('203.0.113.7', undefined, 0)).toBeNull();
  });

  it('is the Nth address from the right of (X-Forwarded-For, peer) behind N proxies', () => {
    // A client at 198.51.100.1 that forged "203.0.113.7", through proxy 10.0.0.2 (appends the client), then 10.0.0.1.
    const xff = '203.0.113.7, 198.51.100.1, 10.0.0.2';
    expect(clientAddressOf(xff, '10.0.0.1', 1)).toBe('10.0.0.2');
    expect(clientAddressOf(xff, '10.0.0.1', 2)).toBe('198.51.100.1');
    expect(clientAddressOf(['203.0.113.7', '198.51.100.1 ,10.0.0.2'], '10.0.0.1', 2)).toBe('198.51.100.1');
    expect(clientAddressOf('::ffff:198.51.100.1', '10.0.0.1', 1)).toBe('198.51.100.1');
    // Fewer entries than proxies: the leftmost; garbage where the address should be: unknown.
    expect(clientAddressOf(undefined, '10.0.0.1', 1)).toBe('10.0.0.1');
    expect(clientAddressOf('not-an-ip', '10.0.0.1', 1)).toBeNull();
  });

  it('reaches the routes only in the stamped header with the process key', () => {
    const read = (value: string) => clientIpOf(new Headers({ [CLIENT_ADDRESS_HEADER]: value }));
    expect(read(clientAddressHeaderValue('127.0.0.2'))).toBe('127.0.0.2');
    expect(read(clientAddressHeaderValue(null))).toBeNull();
    expect(read('127.0.0.2')).toBeNull();
    expect(read(`x${clientAddressHeaderValue('127.0.0.2')}`)).toBeNull();
    expect(clientIpOf(new Headers({ 'x-forwarded-for': '127.0.0.2', 'x-real-ip': '127.0.0.2' }))).toBeNull();
  });
});
