// The outbox's SMTP sender against a real SMTP server on 127.0.0.1: what arrives (recipient, subject,
// attachments, the item's own Message-ID), signing in, retries with backoff on the outbox's clock, and never
// the same message twice — also when a kiosk stops mid-send and starts again.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxItemView } from '../../shared/delivery';
import { createDataAccess } from '../data-access';
import { createOutbox } from '../delivery/outbox';
import { NOW, silentLogger, useDeliveryBench, type DeliveryBench } from '../delivery/test-support';
import { createEventHub } from '../ipc/events';
import { createLocalKeyBox } from './secret-box';
import { readSmtpAccount, saveMailSettings, type SecretBoxes } from './settings';
import { createSmtpSender, type SmtpSender } from './smtp-sender';
import { startTestSmtpServer, type TestSmtpServer } from './test-support';

const open = useDeliveryBench();
const PASSWORD = 'Corr3ct-Horse-Battery';
let server: TestSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const row = (b: DeliveryBench, id: string) =>
  b.t.sqlite.prepare('SELECT * FROM delivery_outbox WHERE id = ?').get(id) as Record<string, unknown>;
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

/** A bench whose outbox sends through a real SMTP sender, with the account saved as the admin would. */
async function mailBench(
  options: { user?: string; password?: string; savedPassword?: string; logs?: string[] } = {},
) {
  server = await startTestSmtpServer(options);
  const holder: { sender?: SmtpSender; boxes?: SecretBoxes } = {};
  const logger = options.logs
    ? pino({ level: 'debug' }, { write: (line: string) => options.logs!.push(line) })
    : silentLogger;
  const lazy: SmtpSender = {
    name: 'SMTP',
    ready: () => holder.sender!.ready(),
    send: (message) => holder.sender!.send(message),
    sendTest: (to) => holder.sender!.sendTest(to),
    forget: () => holder.sender!.forget(),
  };
  const b = await open({ sender: lazy });
  const boxes: SecretBoxes = { preferred: createLocalKeyBox(b.dataDir), all: [createLocalKeyBox(b.dataDir)] };
  holder.boxes = boxes;
  holder.sender = createSmtpSender({
    account: () => readSmtpAccount(b.data.db(), boxes),
    logger,
    now: () => b.clock.now.getTime(),
    timeoutMs: 3_000,
  });
  await saveMailSettings(
    b.data.db(),
    boxes,
    {
      host: '127.0.0.1',
      port: server.port,
      tls: 'none',
      user: options.user ?? '',
      password: options.savedPassword ?? options.password,
      from: 'kiosk@airfield.example',
      followUpEnabled: true,
      followUpHours: 24,
    },
    b.admin.id,
    NOW,
  );
  return { b, server, sender: holder.sender, boxes, logger };
}

const queue = (b: DeliveryBench) =>
  b.value<OutboxItemView>('delivery.queueEmail', { saleId: b.saleId }, 'crew');

describe('the SMTP sender with a real server', () => {
  it('delivers the receipt to the customer with the sale’s files attached and the item’s Message-ID', async () => {
    const { b, server } = await mailBench();
    const item = await queue(b);
    await b.outbox.kick();
    expect(server.accepted).toHaveLength(1);
    const [mail] = server.accepted;
    expect(mail!.to).toEqual(['anna@example.com']);
    expect(mail!.from).toBe('kiosk@airfield.example');
    expect(mail!.raw).toMatch(/^Subject: Your flight video and photos – |^Subject: =\?UTF-8\?/m);
    for (const name of [
      'Anna-Ben-Keller-video.mp4',
      'Anna-Ben-Keller-photo-01.jpg',
      'Anna-Ben-Keller-photo-03.jpg',
    ])
      expect(mail!.raw).toContain(`filename=${name}`);
    const stored = row(b, item.id);
    expect(mail!.raw).toContain(`Message-ID: ${String(stored.message_id)}`);
    expect(stored).toMatchObject({
      status: 'sent',
      server_response: expect.stringContaining('queued as Q1'),
    });
    // With a link for the phone, made by the outbox (no one signed in) and stored only as its hash.
    const body = mail!.raw.replace(/=\r?\n/g, '');
    expect(body).toMatch(/http:\/\/192\.168\.1\.20:8787\/d\/[A-Za-z0-9_-]{43}/);
    expect(
      b.t.sqlite.prepare('SELECT created_by FROM sale_downloads WHERE sale_id = ?').all(b.saleId),
    ).toEqual([{ created_by: null }]);
  });

  it('signs in with the saved user and password, which it opens from its encrypted form', async () => {
    const { b, server } = await mailBench({ user: 'kiosk', password: PASSWORD });
    const stored = b.t.sqlite.prepare('SELECT password_encrypted FROM mail_settings').pluck().get() as Buffer;
    expect(stored.includes(Buffer.from(PASSWORD))).toBe(false);
    await queue(b);
    await b.outbox.kick();
    expect(server.accepted).toHaveLength(1);
  });

  it('waits, in plain words and without the password in them, while the server refuses the password', async () => {
    const logs: string[] = [];
    const { b, server, sender } = await mailBench({
      user: 'kiosk',
      password: PASSWORD,
      savedPassword: 'Wrong-Password-123',
      logs,
    });
    const item = await queue(b);
    // ready() signs in, so a refused password keeps items waiting without spending their attempts.
    await b.outbox.kick();
    expect(row(b, item.id)).toMatchObject({ status: 'pending', attempts: 0 });
    await expect(sender.sendTest('manager@example.com')).rejects.toThrow(
      'The mail server refused the password. Check the user and password.',
    );
    await expect(sender.send({ ...messageStub(), recipient: 'x@example.com' })).rejects.toThrow(
      /refused the password/,
    );
    expect(server.accepted).toHaveLength(0);
    expect(logs.join('')).not.toContain('Wrong-Password-123');
    expect(logs.join('')).not.toContain(PASSWORD);
  });

  it('tries again with backoff while the server says "try later", then sends exactly once', async () => {
    const { b, server } = await mailBench();
    server.failNext(2);
    const item = await queue(b);
    await b.outbox.kick();
    expect(row(b, item.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      next_attempt_at: minutes(1).toISOString(),
      last_error: expect.stringMatching(/could not take the message now.*451/),
    });
    await b.outbox.kick(); // not due yet
    expect(server.arrived).toBe(1);
    b.clock.now = minutes(1);
    await b.outbox.kick();
    expect(row(b, item.id)).toMatchObject({ attempts: 2, next_attempt_at: minutes(6).toISOString() });
    b.clock.now = minutes(6);
    await b.outbox.kick();
    await b.outbox.kick();
    expect(row(b, item.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(server.arrived).toBe(3);
    expect(server.accepted).toHaveLength(1);
  });

  it('sends once when two outboxes on one database look at the same time', async () => {
    const { b, server, sender } = await mailBench();
    await queue(b);
    const second = createOutbox({
      data: createDataAccess({ handle: b.t }, { now: () => b.clock.now }),
      dataDir: b.dataDir,
      logger: silentLogger,
      events: createEventHub(),
      sender,
      pollMs: 3_600_000,
    });
    await Promise.all([b.outbox.kick(), second.kick(), b.outbox.kick()]);
    await second.close();
    expect(server.accepted).toHaveLength(1);
  });

  it('after a stop mid-send the next start sends it once, and a late answer to the stopped try changes nothing', async () => {
    const { b, server, sender } = await mailBench();
    const item = await queue(b);
    const held = server.holdNext();
    const stopped = b.outbox.kick();
    await held;
    expect(row(b, item.id)).toMatchObject({ status: 'sending' });

    // The kiosk starts again (a new outbox on the same database) while the old try still hangs.
    const restarted = createOutbox({
      data: createDataAccess({ handle: b.t }, { now: () => b.clock.now }),
      dataDir: b.dataDir,
      logger: silentLogger,
      events: createEventHub(),
      sender,
      pollMs: 3_600_000,
    });
    await restarted.start();
    expect(row(b, item.id)).toMatchObject({ status: 'sent' });
    const messageId = String(row(b, item.id).message_id);

    server.release(); // the server never said "250" to the first transfer
    await stopped;
    await restarted.close();
    expect(row(b, item.id)).toMatchObject({ status: 'sent', attempts: 0, last_error: null });
    expect(server.accepted).toHaveLength(1);
    expect(server.accepted[0]!.raw).toContain(`Message-ID: ${messageId}`);

    // And a start after it was sent sends nothing.
    const again = createOutbox({
      data: createDataAccess({ handle: b.t }, { now: () => b.clock.now }),
      dataDir: b.dataDir,
      logger: silentLogger,
      events: createEventHub(),
      sender,
      pollMs: 3_600_000,
    });
    await again.start();
    await again.close();
    expect(server.accepted).toHaveLength(1);
  });
});

describe('the follow-up to passengers who did not buy', () => {
  function flight(b: DeliveryBench, fields: Record<string, unknown>) {
    const id = crypto.randomUUID();
    b.t.sqlite
      .prepare(
        `INSERT INTO flight_recordings (id, passenger_names, customer_email, contact_consent, flight_at)
         VALUES (@id, @names, @email, @consent, @at)`,
      )
      .run({ id, names: 'Chloé Martin', email: 'chloe@example.com', consent: 1, at: '', ...fields });
    return id;
  }
  const hoursAgo = (n: number) => new Date(NOW.getTime() - n * 3_600_000).toISOString();

  it('sends one follow-up with a preview still a day after the flight, and never a second', async () => {
    const { b, server } = await mailBench();
    const id = flight(b, { at: hoursAgo(25) });
    const sceneId = crypto.randomUUID();
    b.t.sqlite
      .prepare(
        `INSERT INTO scene_recordings (id, recording_id, scene_type, scene_index) VALUES (?, ?, 'cruising', 1)`,
      )
      .run(sceneId, id);
    mkdirSync(path.join(b.dataDir, 'thumbs', sceneId), { recursive: true });
    writeFileSync(path.join(b.dataDir, 'thumbs', sceneId, 'camera1-poster-1700000000000.jpg'), 'JPEG');
    await b.outbox.kick();
    await b.outbox.kick();
    b.clock.now = minutes(60 * 24);
    await b.outbox.kick();
    expect(server.accepted).toHaveLength(1);
    expect(server.accepted[0]!.to).toEqual(['chloe@example.com']);
    expect(server.accepted[0]!.raw).toContain('filename=your-flight.jpg');
    expect(b.t.sqlite.prepare(`SELECT kind, status, sale_id FROM delivery_outbox`).all()).toEqual([
      { kind: 'follow_up', status: 'sent', sale_id: null },
    ]);
  });

  it('writes to nobody who bought, did not agree, left no address, or flew less than a day ago', async () => {
    const { b, server } = await mailBench();
    flight(b, { at: hoursAgo(25), consent: 0 });
    flight(b, { at: hoursAgo(25), email: null });
    flight(b, { at: hoursAgo(2) });
    flight(b, { at: hoursAgo(24 + 73) }); // long past: e-mail turned on later must not write to it
    // The bench's two flights were sold; give one consent and an old enough time.
    b.t.sqlite
      .prepare(`UPDATE flight_recordings SET contact_consent = 1, flight_at = ? WHERE id = ?`)
      .run(hoursAgo(30), b.recordingId);
    await b.outbox.kick();
    expect(server.accepted).toHaveLength(0);
    expect(b.t.sqlite.prepare(`SELECT count(*) FROM delivery_outbox`).pluck().get()).toBe(0);
  });

  it('drops a queued follow-up when the passenger buys before it leaves', async () => {
    const { b, server } = await mailBench();
    const id = flight(b, { at: hoursAgo(25) });
    server.failNext(1);
    await b.outbox.kick();
    b.t.sqlite
      .prepare(
        `INSERT INTO sales (id, recording_id, bundle, amount_cents, currency, sale_date, payment_method)
         VALUES (?, ?, 'video_photos', 4500, 'EUR', ?, 'cash')`,
      )
      .run(crypto.randomUUID(), id, NOW.toISOString());
    b.clock.now = minutes(2);
    await b.outbox.kick();
    expect(server.accepted).toHaveLength(0);
    expect(b.t.sqlite.prepare(`SELECT status, last_error FROM delivery_outbox`).get()).toEqual({
      status: 'cancelled',
      last_error: expect.stringMatching(/bought/),
    });
  });
});

function messageStub() {
  return { recipient: '', subject: 'Hello', body: 'Hi', files: [], messageId: '<stub@magnumstream.kiosk>' };
}
