import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { createDataAccess } from '../data-access';
import { csvCell, currencyUnits, toCsv } from './csv';
import { reportsHandlers } from './handlers';
import { seedReportData, UTC_PLUS_2, type ReportData } from './test-support';

describe('csvCell', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvCell('Video Only')).toBe('Video Only');
    expect(csvCell(4)).toBe('4');
    expect(csvCell(null)).toBe('');
  });

  it('quotes a field with a comma, a quote or a line break, doubling its quotes (RFC 4180)', () => {
    expect(csvCell('Sofia, Diego')).toBe('"Sofia, Diego"');
    expect(csvCell('Noah "Ship" Smith')).toBe('"Noah ""Ship"" Smith"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('carriage\rreturn')).toBe('"carriage\rreturn"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+49 170 5550123')).toBe("'+49 170 5550123");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('Anna = Ben')).toBe('Anna = Ben');
  });

  it('ends every line, the last included, with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe('currencyUnits', () => {
  it('writes cents as currency units with two decimals', () => {
    expect(currencyUnits(4500)).toBe('45.00');
    expect(currencyUnits(5)).toBe('0.05');
    expect(currencyUnits(123456)).toBe('1234.56');
    expect(currencyUnits(0)).toBe('0.00');
  });
});

describe('the report CSV files', () => {
  let t: TempDatabase;
  let d: ReportData;
  let handlers: ReturnType<typeof reportsHandlers>;
  beforeEach(async () => {
    t = await openTempDatabase();
    d = seedReportData(t.sqlite);
    handlers = reportsHandlers(createDataAccess({ handle: t }, { utcOffsetMinutes: UTC_PLUS_2 }));
  });
  afterEach(() => t.dispose());

  const context = {
    user: { id: '7a0c4f1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b', name: 'Maria Lopez', role: 'admin' },
    session: null,
    transport: 'websocket',
    peer: { connection: 'test', address: 'local' },
  } as const;
  const csvOf = async (kind: 'sales' | 'daily' | 'non_purchasers') => {
    const file = await handlers['reports.csv']({ from: '2026-11-30', to: '2026-12-02', kind }, context);
    return { ...file, lines: file.csv.split('\r\n') };
  };

  it('lists every sale of the range, voided and refunded too, in local time', async () => {
    const { fileName, lines } = await csvOf('sales');
    expect(fileName).toBe('magnumstream-sales-2026-11-30-to-2026-12-02.csv');
    const id = (sale: string) => sale.slice(0, 8);
    expect(lines).toEqual([
      'Sold at,Receipt,Passengers,Flight at,Bundle,Amount,List price,Price rule,Rule discount,Currency,Payment,Sold by,Pilot,Status,Reason',
      `2026-11-30 11:00,${id(d.S1)},Anna & Ben Keller,2026-11-30 10:00,Video + Photos,45.00,45.00,,0.00,USD,Card,Maya Lindqvist,Capt. Erik Halvorsen,Completed,`,
      `2026-12-01 00:30,${id(d.S2)},Priya Natarajan,2026-11-30 14:30,Video Only,25.00,25.00,,0.00,USD,Card,Tom Reyes,Capt. Jo Whitaker,Completed,`,
      `2026-12-01 10:00,${id(d.S3)},Lukas Brandt,2026-12-01 09:00,Video + Air-tour Photos,55.00,55.00,,0.00,USD,Card,Tom Reyes,Capt. Erik Halvorsen,Completed,`,
      `2026-12-01 10:05,${id(d.S4)},Lukas Brandt,2026-12-01 09:00,Photos Only,35.00,35.00,,0.00,USD,Card,Tom Reyes,Capt. Erik Halvorsen,Voided,rang up twice`,
      `2026-12-01 16:00,${id(d.S5)},"Sofia Martínez, Diego Ruiz",2026-12-01 15:00,Video + Photos,45.00,45.00,,0.00,USD,Card,Maya Lindqvist,Capt. Jo Whitaker,Refunded,customer changed their mind`,
      `2026-12-02 23:30,${id(d.S6)},Anna & Ben Keller,2026-11-30 10:00,Photos Only,35.00,35.00,,0.00,USD,Card,Tom Reyes,Capt. Erik Halvorsen,Completed,`,
      '',
    ]);
  });

  it('has one line per day with the day figures', async () => {
    const { fileName, lines } = await csvOf('daily');
    expect(fileName).toBe('magnumstream-daily-2026-11-30-to-2026-12-02.csv');
    expect(lines).toEqual([
      'Day,Flights,Flights sold,Conversion %,Sales,List price (USD),Discounts (USD),Revenue (USD)',
      '2026-11-30,3,2,66.7,1,45.00,0.00,45.00', // 2 of 3 = 66.7 %
      '2026-12-01,2,1,50,2,80.00,0.00,80.00',
      '2026-12-02,1,0,0,1,35.00,0.00,35.00',
      '',
    ]);
  });

  it('lists the non-purchasers with contact details only for those who agreed, and defuses formulas', async () => {
    const { lines } = await csvOf('non_purchasers');
    expect(lines).toEqual([
      'Flight at,Passengers,Contact consent,Email,Phone,Pilot,Crew,Video,Photos,Air-tour photos,Best offer,Offer price (USD)',
      `2026-12-02 08:00,"'=HYPERLINK(""http://evil.example"",""Noah"")",No,,,Capt. Erik Halvorsen,Maya Lindqvist,No,0,0,,`,
      `2026-12-01 15:00,"Sofia Martínez, Diego Ruiz",Yes,sofia@example.com,'+34 600 555 271,Capt. Jo Whitaker,Maya Lindqvist,Yes,3,0,Video + Photos,45.00`,
      // F6 gave a phone but did not agree to be contacted.
      `2026-11-30 00:30,Early Bird,No,,,Capt. Jo Whitaker,,Yes,0,2,Video + Air-tour Photos,55.00`,
      '',
    ]);
  });
});
