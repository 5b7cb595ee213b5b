import { describe, expect, it } from 'vitest';
import { connectSslMode, isLoopbackHost, parseCentralAddress, transportOf } from './fleet';

const address = (text: string) => {
  const parsed = parseCentralAddress(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.address;
};

describe('how the kiosk connects to the central database', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.0.0.2', true],
    ['[::1]', true],
    ['10.0.0.5', false],
    ['128.0.0.1', false],
    ['db.example.com', false],
    ['127.0.0.1.example.com', false],
  ])('counts %s as this computer: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it.each([
    ['postgres://kiosk@db.example.com/fleet', 'verify-full', 'verified'],
    ['postgres://kiosk@192.168.1.20/fleet', 'verify-full', 'verified'],
    ['postgres://kiosk@127.0.0.1/fleet', 'disable', 'local'],
    ['postgres://kiosk@localhost/fleet?sslmode=require', 'verify-full', 'verified'],
    ['postgres://kiosk@db.example.com/fleet?sslmode=prefer', 'verify-full', 'verified'],
    ['postgres://kiosk@db.example.com/fleet?sslmode=verify-ca', 'verify-full', 'verified'],
    ['postgres://kiosk@db.example.com/fleet?sslmode=no-verify', 'no-verify', 'unverified'],
    ['postgres://kiosk@db.example.com/fleet?sslmode=disable', 'disable', 'plain'],
    ['postgres://kiosk@127.0.0.1/fleet?sslmode=disable', 'disable', 'local'],
  ])('%s connects with sslmode %s (%s)', (text, mode, transport) => {
    expect(connectSslMode(address(text))).toBe(mode);
    expect(transportOf(address(text))).toBe(transport);
  });
});
