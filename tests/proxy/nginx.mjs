// Runs Debian's nginx in front of the portal for the proxy tests, as
// docs/deploy.md configures it: TLS with a self-signed certificate (made here
// with openssl) on 127.0.0.1, X-Forwarded-For/-Proto/-Host set, uploads
// streamed. Everything (config, certificate, pid, logs, temp files) lives in a
// folder of its own; nginx runs in the foreground as this script's child and
// stops with it.
//   node tests/proxy/nginx.mjs <tls port> <portal port>
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [tlsPort, portalPort] = process.argv.slice(2).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'portal-nginx-'));
for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ].concat(['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]),
  { stdio: 'ignore' },
);
writeFileSync(
  join(dir, 'nginx.conf'),
  `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 128; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream conference_portal {
    server 127.0.0.1:${portalPort};
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${tlsPort} ssl;
    server_name localhost;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    client_max_body_size 40m;
    location / {
      proxy_pass http://conference_portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # The test's address has a port (production's is 443, and $host is enough).
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_request_buffering off;
      proxy_read_timeout 60s;
    }
  }
}
`,
);
const nginx = spawn('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
  stdio: 'inherit',
});
nginx.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => nginx.kill('SIGQUIT'));
