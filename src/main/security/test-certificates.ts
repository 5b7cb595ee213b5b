// Certificates for tests of secure connections to real servers on 127.0.0.1, made with the system's openssl:
// a CA of the test's own, a server certificate for 127.0.0.1 it signs, one for another name it signs, and one
// that signs itself. Nothing here is used outside tests.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCertificates {
  /** The test CA's certificate: trust it to trust `cert` and `wrongName`. */
  ca: string;
  /** The server's key, for every certificate below. */
  key: string;
  /** For 127.0.0.1 (IP subjectAltName), signed by the CA. */
  cert: string;
  /** For the name db.elsewhere.example only, signed by the CA: a server at 127.0.0.1 offering it is not it. */
  wrongName: string;
  /** For 127.0.0.1, signed by itself: no CA vouches for it. */
  selfSigned: string;
}

/** Makes the certificates in `into` (a temp dir the test removes), valid for two days. */
export function makeTestCertificates(into: string): TestCertificates {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: into, stdio: 'pipe' });
  const days = ['-days', '2'];
  run(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', ...days].concat([
      '-subj',
      '/CN=MagnumStream test CA',
    ]),
  );
  run(
    ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr'].concat([
      '-subj',
      '/CN=127.0.0.1',
    ]),
  );
  const signed = (name: string, subjectAltName: string) => {
    const ext = path.join(into, `${name}.ext`);
    writeFileSync(ext, `subjectAltName=${subjectAltName}\n`);
    run(
      ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial'].concat([
        '-out',
        `${name}.pem`,
        ...days,
        '-extfile',
        ext,
      ]),
    );
  };
  signed('server', 'IP:127.0.0.1');
  signed('wrong-name', 'DNS:db.elsewhere.example');
  run(
    ['req', '-x509', '-key', 'server.key', '-out', 'self.pem', ...days, '-subj', '/CN=127.0.0.1'].concat([
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]),
  );
  const read = (name: string) => readFileSync(path.join(into, name), 'utf8');
  return {
    ca: read('ca.pem'),
    key: read('server.key'),
    cert: read('server.pem'),
    wrongName: read('wrong-name.pem'),
    selfSigned: read('self.pem'),
  };
}
