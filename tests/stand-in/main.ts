/**
 * `npm run stub`: the Close stand-in on a fixed port for the demo and manual runs.
 * PORT (default 4010) and CLOSE_STUB_KEY (default the seeded key) configure it.
 */
import { SEED, type StandIn, startStandIn } from './server';

const DEFAULT_PORT = 4010;

async function main(): Promise<void> {
  const port = parsePort(process.env.PORT);
  const apiKey = process.env.CLOSE_STUB_KEY || SEED.apiKey;
  let stand: StandIn;
  try {
    stand = await startStandIn({ port, apiKey });
  } catch (error) {
    if (isAddressInUse(error)) {
      console.error(`Port ${port} is busy; stop whatever listens there or set PORT to another port.`);
      process.exit(1);
    }
    throw error;
  }
  printBanner(stand);
  const stop = (signal: string) => {
    // stderr: stdout may already be gone (e.g. piped into `head`).
    console.error(`${signal}: stopping the stand-in.`);
    stand.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be an integer between 0 and 65535, got "${raw}".`);
    process.exit(2);
  }
  return port;
}

function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

function printBanner(stand: StandIn): void {
  const lines = [
    `Close stand-in listening on ${stand.url}`,
    `  API base URL : ${stand.baseUrl}   (build with WXT_CLOSE_API_URL=${stand.baseUrl})`,
    `  API key      : ${stand.apiKey}`,
    `  user         : ${SEED.user.id} (${SEED.user.firstName} ${SEED.user.lastName})`,
    `  organization : ${SEED.organization.id} (${SEED.organization.name})`,
    '  phone numbers:',
    ...Object.entries(SEED.phoneNumbers).map(
      ([key, item]) => `    ${key.padEnd(10)} ${item.number.padEnd(14)} ${item.id}`,
    ),
    '  leads:',
    ...Object.entries(SEED.leads).map(([key, item]) => `    ${key.padEnd(10)} ${item.id}  ${item.name}`),
    '  contacts:',
    ...Object.entries(SEED.contacts).map(
      ([key, item]) =>
        `    ${key.padEnd(10)} ${item.phone.padEnd(14)} ${item.id}  ${item.name} (${SEED.leads[item.lead].name})`,
    ),
    '  templates:',
    ...Object.entries(SEED.templates).map(([key, item]) => `    ${key.padEnd(10)} ${item.id}  ${item.name}`),
    'Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error('The stand-in failed to start:', error);
  process.exit(1);
});
