// Runs the real browser kiosk host as a child process from source, for tests that need a live host.
import Sqlite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { INTEGRITY_SETTING } from '../../src/main/health/integrity';
import { decodeMessage, encodeMessage, type ResultMessage } from '../../src/shared/wire';
import { KIOSK_FROM_SOURCE, spawnKiosk, type KioskChild } from './spawn-kiosk';

export interface KioskProcess extends KioskChild {
  origin: string;
  dataDir: string;
}

export function makeDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'magnum-test-'));
}

export async function startKiosk(dataDir = makeDataDir(), args: string[] = []): Promise<KioskProcess> {
  const kiosk = await spawnKiosk(KIOSK_FROM_SOURCE, dataDir, args);
  return { ...kiosk, origin: new URL(kiosk.url).origin, dataDir };
}

/** A WebSocket client speaking the wire protocol, sending raw frames when a test needs to. */
export class RawClient {
  private constructor(private readonly socket: WebSocket) {}

  static open(kiosk: KioskProcess, origin = kiosk.origin): Promise<RawClient> {
    const socket = new WebSocket(`${kiosk.url.replace('http', 'ws')}ipc`, {
      origin,
      maxPayload: 128 * 1024 * 1024,
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${response.statusCode}`)),
      );
    });
  }

  /** Sends one frame and waits for the next result. */
  send(frame: string | Uint8Array): Promise<ResultMessage> {
    if (this.socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error('socket closed'));
    return new Promise((resolve, reject) => {
      const onMessage = (data: Buffer, isBinary: boolean) => {
        const decoded = decodeMessage(
          isBinary ? new Uint8Array(data) : data.toString('utf8'),
        ) as ResultMessage;
        if (decoded.type !== 'result') return;
        this.socket.off('message', onMessage);
        this.socket.off('close', onClose);
        resolve(decoded);
      };
      const onClose = () => reject(new Error('socket closed'));
      this.socket.on('message', onMessage);
      this.socket.once('close', onClose);
      this.socket.send(frame, { binary: typeof frame !== 'string' });
    });
  }

  call(channel: string, input: unknown, id = 1): Promise<ResultMessage> {
    return this.send(encodeMessage({ type: 'call', id, channel, input }));
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * What the kiosk writes by itself, not data a call changed: a query that happened to be slow on a busy test
 * machine is recorded in slow_queries (and its AUTOINCREMENT counter), and the weekly integrity check keeps its
 * result in a settings row once the host has run a while. Neither must fail a digest.
 */
const TIMING_TABLE = 'slow_queries';

/** A digest of every row of every table: equal digests mean the database did not change. */
export function databaseDigest(dataDir: string): string {
  const db = new Sqlite(path.join(dataDir, 'magnum.db'), { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as Array<{ name: string }>;
    for (const { name } of tables) {
      if (name === TIMING_TABLE) continue;
      hash.update(name);
      for (const row of db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all()) {
        if (name === 'sqlite_sequence' && (row as { name?: unknown }).name === TIMING_TABLE) continue;
        if (name === 'settings' && (row as { key?: unknown }).key === INTEGRITY_SETTING) continue;
        hash.update(JSON.stringify(row));
      }
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
