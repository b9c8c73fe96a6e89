// Shared by the client scripts: loads the pinned SDKs from the clients folder (scripts/clients install), reads the
// settings the JUnit test passes in the environment, and prints exactly one JSON result line on stdout.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A 1x1 PNG, small enough to inline and a valid image for any provider. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export const WEATHER_ARGS = { city: 'Paris' };
/** The simulator answers a tool call for this directive, and `done: get_weather` once the result is in. */
export const TOOL_PROMPT = `What is the weather in Paris? [[sim:tool get_weather ${JSON.stringify(WEATHER_ARGS)}]]`;
export const TOOL_RESULT = '{"temperature_c":21,"sky":"clear"}';

export function setting(name) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
}

/** An npm package from the clients folder; ESM resolves imports from the script's own folder, so go through require. */
export async function load(pkg) {
  const require = createRequire(path.join(setting('SB_CLIENTS_DIR'), 'node_modules', 'noop.js'));
  return import(pathToFileURL(require.resolve(pkg)).href);
}

/** The fields a test asserts on when an SDK throws: its class and status first, then the error body. */
export function describeError(e) {
  const headers = e?.headers;
  const header = (name) => (typeof headers?.get === 'function' ? headers.get(name) : headers?.[name]) ?? null;
  const body = e?.error ?? null;
  return {
    class: e?.constructor?.name ?? typeof e,
    status: e?.status ?? null,
    type: body?.error?.type ?? body?.type ?? null,
    code: body?.error?.code ?? body?.code ?? e?.code ?? null,
    bodyRequestId: body?.error?.request_id ?? body?.request_id ?? null,
    sdkRequestId: e?.requestID ?? e?.request_id ?? null,
    headerRequestId: header('x-request-id'),
    message: String(e?.message ?? e).slice(0, 500),
    cause: e?.cause ? String(e.cause?.message ?? e.cause).slice(0, 300) : null,
  };
}

/** Runs a scenario that must fail with an API error; a success is the scenario's failure. */
export async function expectError(call) {
  let value;
  try {
    value = await call();
  } catch (e) {
    return { error: describeError(e) };
  }
  throw new Error(`expected an API error, got a success: ${JSON.stringify(value).slice(0, 300)}`);
}

export function requestIdOf(response) {
  return response?.headers?.get('x-request-id') ?? null;
}

/**
 * Runs one named scenario and prints `{"ok":true,"scenario":…,…}` or `{"ok":false,"error":{…}}` (exit 1). The stack
 * goes to stderr for the test's failure message.
 */
export async function main(scenarios) {
  const name = process.argv[2];
  const scenario = scenarios[name];
  const started = Date.now();
  try {
    if (!scenario) {
      throw new Error(`unknown scenario '${name}'; known: ${Object.keys(scenarios).join(', ')}`);
    }
    const result = await scenario();
    console.log(JSON.stringify({ ok: true, scenario: name, ms: Date.now() - started, ...result }));
  } catch (e) {
    console.error(e?.stack ?? String(e));
    console.log(JSON.stringify({ ok: false, scenario: name, ms: Date.now() - started, error: describeError(e) }));
    process.exitCode = 1;
  }
}
