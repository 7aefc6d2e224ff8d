import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { GENERATED } from './generated-pages';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
const MODULES = resolve(import.meta.dirname, '../../../node_modules');
/** React's UMD builds, for the page that must survive a framework re-rendering under the detector. */
const VENDOR: Record<string, string> = {
  '/vendor/react.js': join(MODULES, 'react/umd/react.development.js'),
  '/vendor/react-dom.js': join(MODULES, 'react-dom/umd/react-dom.development.js'),
};
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

export interface FixtureServer {
  url: string;
  /** Form posts received, for "the form submits unchanged" checks. */
  posts: string[];
  close(): Promise<void>;
}

/** Serves tests/fixtures on 127.0.0.1 (covered by the e2e build's host permission). */
export async function startFixtureServer(): Promise<FixtureServer> {
  const posts: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      posts.push(body);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const generated = GENERATED[path];
    if (generated) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(generated());
      return;
    }
    const file = VENDOR[path] ?? normalize(join(FIXTURES, path === '/' ? 'index.html' : path));
    if (!file.startsWith(FIXTURES) && !VENDOR[path]) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
