/**
 * Test helper: writes a tiny hand-written Apps Script bundle (plain JavaScript with
 * top-level functions, like dist/Code.js) into a fresh temp folder, so service tests
 * run through real executions without depending on the project's build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRuntime, type LocalRuntime, type RuntimeOptions } from '../index';

/** Writes `source` as Code.js in a new temp folder and returns the folder. */
export function writeBundle(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-bundle-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), source);
  return dir;
}

/** A runtime over a hand-written bundle. */
export function runtimeWith(source: string, options: RuntimeOptions = {}): LocalRuntime {
  return createRuntime({ ...options, bundleDir: writeBundle(source) });
}
