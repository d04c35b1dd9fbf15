// Shared setup for the headless-Chromium scenarios. Each scenario is a Node script that the Rust
// integration tests run with the URLs of the servers they started (as environment variables);
// it prints one JSON line with what it observed and exits non-zero on a failed expectation.
//
// The browser is Debian's chromium (CRMLENS_TEST_BROWSER names the executable), never a downloaded
// one, with a fresh profile that blocks third-party cookies the way Chromium 156 does it:
// the `profile.cookie_controls_mode` preference set to 1.

import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: the Rust test that runs this scenario must pass it`);
  }
  return value;
}

/** A persistent Chromium context whose profile blocks third-party cookies. */
export async function launchBlockingThirdPartyCookies() {
  const profile = mkdtempSync(join(tmpdir(), "crmlens-chromium-"));
  mkdirSync(join(profile, "Default"), { recursive: true });
  writeFileSync(
    join(profile, "Default", "Preferences"),
    JSON.stringify({ profile: { cookie_controls_mode: 1 } }),
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: requireEnv("CRMLENS_TEST_BROWSER"),
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/** Runs a scenario: prints its result as JSON, or the error and a non-zero exit status. */
export async function runScenario(scenario) {
  const { context, close } = await launchBlockingThirdPartyCookies();
  try {
    const result = await scenario(context);
    console.log(JSON.stringify({ ok: true, ...result }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, error: String(error && error.stack ? error.stack : error) }));
    process.exitCode = 1;
  } finally {
    await close();
  }
}

export function expect(condition, message) {
  if (!condition) {
    throw new Error(`expectation failed: ${message}`);
  }
}
