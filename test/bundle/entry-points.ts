/**
 * The global functions dist/Code.js declares: the six entry points of the public
 * contract (shared/ARCHITECTURE.md, section 1), plus the menu actions and the
 * sidebar's server calls, which Apps Script can only call as global functions. bundle-shape.test.ts checks that every
 * name listed is a top-level function of the bundle and that it declares no other.
 */

/** Every entry point the contract names, in the contract's order. */
export const CONTRACT_ENTRY_POINTS = [
  'onOpen',
  'setup',
  'onFormSubmit',
  'runSlaSweep',
  'doPost',
  'doGet',
] as const;

/** Menu items and trigger handlers that are not contract entry points. */
export const MENU_ACTIONS = [
  'reprocessFormResponses',
  'runArchive',
  'checkSetup',
  'sendMeATestMessage',
  'runSlaSweepNow',
  'showConnectSlack',
] as const;

/**
 * Functions the Connect Slack sidebar calls with google.script.run, which reaches only
 * top-level functions. Each checks that the caller may edit the spreadsheet.
 */
export const SIDEBAR_CALLS = [
  'connectSlackState',
  'connectSlackCreateSecret',
  'connectSlackManifest',
  'connectSlackSaveTokens',
  'connectSlackCheck',
  'connectSlackTestMessage',
] as const;

export type EntryPoint =
  | (typeof CONTRACT_ENTRY_POINTS)[number]
  | (typeof MENU_ACTIONS)[number]
  | (typeof SIDEBAR_CALLS)[number];

/** Every global function of the bundle. */
export const ENTRY_POINTS: readonly EntryPoint[] = [
  ...CONTRACT_ENTRY_POINTS,
  ...MENU_ACTIONS,
  ...SIDEBAR_CALLS,
];
