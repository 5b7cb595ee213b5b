import { describe, expect, it } from 'vitest';
import { isAllowedHost, isSameOrigin } from './origin';

describe('Host header rule', () => {
  it('accepts loopback names on the right port when bound to loopback', () => {
    for (const host of ['127.0.0.1:5780', 'localhost:5780', '[::1]:5780']) {
      expect(isAllowedHost(host, '127.0.0.1', 5780)).toBe(true);
    }
  });

  it('refuses another port, a missing header and any domain name (DNS rebinding)', () => {
    expect(isAllowedHost('127.0.0.1:9999', '127.0.0.1', 5780)).toBe(false);
    expect(isAllowedHost(undefined, '127.0.0.1', 5780)).toBe(false);
    expect(isAllowedHost('evil.example:5780', '127.0.0.1', 5780)).toBe(false);
    expect(isAllowedHost('evil.example:5780', '0.0.0.0', 5780)).toBe(false);
  });

  it('accepts a LAN address when bound to all interfaces, and only the bound one otherwise', () => {
    expect(isAllowedHost('192.168.1.20:5780', '0.0.0.0', 5780)).toBe(true);
    expect(isAllowedHost('192.168.1.20:5780', '192.168.1.20', 5780)).toBe(true);
    expect(isAllowedHost('192.168.1.21:5780', '192.168.1.20', 5780)).toBe(false);
  });
});

describe('WebSocket origin rule', () => {
  it('accepts the page this server served', () => {
    expect(isSameOrigin('http://127.0.0.1:5780', '127.0.0.1:5780')).toBe(true);
  });

  it('refuses other sites, missing and malformed origins', () => {
    expect(isSameOrigin('http://evil.example', '127.0.0.1:5780')).toBe(false);
    expect(isSameOrigin(undefined, '127.0.0.1:5780')).toBe(false);
    expect(isSameOrigin('null', '127.0.0.1:5780')).toBe(false);
    expect(isSameOrigin('file://', '127.0.0.1:5780')).toBe(false);
  });
});
