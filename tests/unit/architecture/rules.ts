/**
 * The house rules as functions over source text, so each can be shown to fail on a deliberate break
 * (rules.test.ts) and checked against the real tree (architecture.test.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');

export type Files = Record<string, string>;

/** Every .ts/.tsx file under these folders, path relative to the root → text. */
export function readTree(...dirs: string[]): Files {
  const out: Files = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = join(dir, name);
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) out[path] = readFileSync(join(ROOT, path), 'utf8');
    }
  };
  for (const d of dirs) walk(d);
  return out;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;

/** The modules a file imports at run time (type-only imports are erased and don't count). */
export function runtimeImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[2]) continue;
    const spec = m[3] ?? m[4];
    if (spec) out.push(spec);
  }
  return out;
}

/** The keys of `interface ProtocolMap { … }` in lib/protocol.ts. */
export function protocolKeys(protocolSource: string): string[] {
  const body = protocolSource.match(/export interface ProtocolMap \{([\s\S]*?)\n\}/)?.[1] ?? '';
  return [...body.matchAll(/^\s{2}([a-zA-Z]+)\(/gm)].map((m) => m[1] as string);
}

/** Rule: components render; they never reach Close or the background directly. */
export function layeringViolations(files: Files): string[] {
  return Object.entries(files)
    .filter(([path]) => path.startsWith('components/'))
    .flatMap(([path, text]) =>
      runtimeImports(text)
        .filter((spec) => /^@\/lib\/(background|close)\b|\.\.\/lib\/(background|close)\b/.test(spec))
        .map((spec) => `${path} imports ${spec}`),
    );
}

/** Rule: only the message gate registers message handlers (so each is classified and checked). */
export function handlerRegistrationViolations(files: Files): string[] {
  return Object.entries(files)
    .filter(
      ([path, text]) =>
        !path.endsWith('message-gate.ts') &&
        !/\.test\.tsx?$/.test(path) &&
        /\bruntime\.onMessage\.addListener\(|(^|[^.\w])onMessage\(/m.test(text),
    )
    .map(([path]) => `${path} registers a message handler outside lib/background/message-gate.ts`);
}

/** Rule: every protocol key is classified once in the gate, and nothing else is. */
export function classificationViolations(keys: string[], classified: string[]): string[] {
  const missing = keys.filter((k) => !classified.includes(k)).map((k) => `${k} is not classified`);
  const extra = classified.filter((k) => !keys.includes(k)).map((k) => `${k} is classified but not in ProtocolMap`);
  return [...missing, ...extra];
}

/** Rule: each message has exactly one handler among the modules' handler sets. */
export function handlerOwnershipViolations(keys: string[], sets: Record<string, string[]>): string[] {
  const owners = new Map<string, string[]>();
  for (const [module, handled] of Object.entries(sets)) {
    for (const k of handled) owners.set(k, [...(owners.get(k) ?? []), module]);
  }
  return keys.flatMap((k) => {
    const o = owners.get(k) ?? [];
    return o.length === 1 ? [] : [`${k} is handled by ${o.length ? o.join(' and ') : 'no module'}`];
  });
}

/** Resolves a relative or `@/` import to a file of the tree, or null for a package. */
function resolveLocal(from: string, spec: string, files: Files): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = join(dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    const rel = relative('.', candidate);
    if (files[rel] !== undefined || existsSync(join(ROOT, rel))) {
      if (files[rel] === undefined && /\.tsx?$/.test(rel)) files[rel] = readFileSync(join(ROOT, rel), 'utf8');
      if (files[rel] !== undefined) return rel;
    }
  }
  return null;
}

/** The packages a module pulls in at run time, following local imports (static ones only: dynamic imports are lazy). */
export function packagesReachable(entry: string, files: Files): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>(); // package → first file importing it
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(files[file] ?? '')) {
      const local = resolveLocal(file, spec, files);
      if (local) visit(local);
      else if (!spec.startsWith('.') && !spec.startsWith('@/') && !packages.has(spec)) packages.set(spec, file);
    }
  };
  visit(entry);
  return packages;
}

/** Rule: the always-on content script stays small: no zod, no UI, no phone metadata. */
export function contentScriptViolations(packages: Map<string, string>, forbidden: readonly RegExp[]): string[] {
  return [...packages.entries()]
    .filter(([pkg]) => forbidden.some((f) => f.test(pkg)))
    .map(([pkg, file]) => `${pkg} reaches the content script through ${file}`);
}

/** Rule: entrypoints are wiring: short, with no logic of their own. */
export function entrypointViolations(files: Files, maxLines = 30): string[] {
  return Object.entries(files)
    .filter(([path]) => path.startsWith('entrypoints/'))
    .flatMap(([path, text]) => {
      const code = text.split('\n').filter((l) => l.trim() && !/^\s*(\/\/|\*|\/\*)/.test(l)).length;
      return code > maxLines ? [`${path} has ${code} lines of code (at most ${maxLines}: move logic to lib/)`] : [];
    });
}
