/**
 * Random histories of everyday events through dist/Code.js, with the README's
 * guarantees checked after every step (fast-check model-based testing): form responses
 * (some fired twice, some while the lock is held elsewhere, so they park), clicks on
 * live and stale buttons, clicks from /leads, the manager's Take and Reassign, admins
 * sorting lead_sheet (between steps, or between every two Sheets calls of the runs that
 * follow) and closing leads by hand (each hand edit followed by the sweep that reads, as
 * the guarantee says), Slack failing, time passing with sweeps, and
 * nights with the archive. `npm test` runs a few histories with a fixed seed;
 * `npm run bench` runs longer ones.
 */
import fc from 'fast-check';
import {
  carriedChanges,
  leadsInTwoPlaces,
  responsesTakenTwice,
  slackFollowsLeads,
} from './invariants';
import { DEFAULT_REPS, MANAGER, World } from './world';

/** What the model knows: how many distinct responses were submitted. */
interface Model {
  submitted: number;
}

const REPS = DEFAULT_REPS.map((r) => r.slackId);

/** Every guarantee that must hold after any step; throws naming the broken one. */
export function checkGuarantees(w: World, model: Model): void {
  const problems = [
    ...slackFollowsLeads(w, [MANAGER]).map((p) => `slack: ${p}`),
    ...leadsInTwoPlaces(w).map((id) => `two places: ${id}`),
    ...responsesTakenTwice(w).map((k) => `response taken twice: ${k}`),
    ...carriedChanges(w).map((p) => `another lead's change: ${p}`),
  ];
  const parked = w.rt.properties.keys().filter((k) => k.startsWith('PARKED_RESPONSE_')).length;
  const leads = w.leads().length + w.table('lead_archive').length;
  if (leads > model.submitted) problems.push(`${leads} leads from ${model.submitted} responses`);
  if (leads + parked < model.submitted)
    problems.push(`${model.submitted} responses, ${leads} leads and only ${parked} parked: lost`);
  const failed = w.rt.failures.filter((f) => !f.ok);
  if (failed.length) problems.push(`a run failed: ${String(failed[0].error)}`);
  if (problems.length) throw new Error(problems.join('\n'));
}

type Cmd = fc.Command<Model, World>;

class Submit implements Cmd {
  constructor(
    readonly twice: boolean,
    readonly lockHeld: boolean,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: Model, w: World): void {
    m.submitted++;
    if (this.lockHeld) w.rt.lock.holdElsewhere({ untilMs: w.rt.clock.now() + 40_000 });
    w.rt.fireFormSubmit(
      { Name: `Lead ${m.submitted}`, Phone: `0812-7${String(m.submitted).padStart(7, '0')}` },
      { duplicate: this.twice },
    );
    w.rt.lock.releaseElsewhere();
  }
  toString(): string {
    return `submit(${this.twice ? 'twice' : 'once'}${this.lockHeld ? ', lock held' : ''})`;
  }
}

/** Someone clicks a "Mark as CONTACTED" they can see (now or in an older version). */
class ClickButton implements Cmd {
  constructor(
    readonly pick: number,
    readonly byOwner: boolean,
  ) {}
  check(): boolean {
    return true;
  }
  run(_: Model, w: World): void {
    const ids = w.leadIds();
    if (!ids.length) return;
    const id = ids[this.pick % ids.length];
    const messages = REPS.flatMap((rep) => w.rt.slack.dm(rep)).filter(
      (m) =>
        !m.deleted &&
        [m.blocks, ...m.updates.map((u) => u.previous.blocks)].some((b) =>
          JSON.stringify(b ?? []).includes(`"value":"${id}"`),
        ),
    );
    if (!messages.length) return;
    const message = messages[this.pick % messages.length];
    const owner = String(w.lead(id).sales_slack_id);
    const user =
      this.byOwner && owner
        ? owner
        : REPS.find((r) => message.channel === w.rt.slack.dmChannelId(r))!;
    if (message.channel !== w.rt.slack.dmChannelId(user)) return; // DMs: only their reader clicks
    w.click(user, id, { message: { channel: message.channel, ts: message.ts } });
  }
  toString(): string {
    return `click(${this.pick}, ${this.byOwner ? 'owner' : 'reader'})`;
  }
}

/**
 * A rep types /leads and marks the first lead listed (none when the list shows none: a
 * list read while an admin sorts may miss a lead, and says so).
 */
class ClickFromList implements Cmd {
  constructor(readonly rep: number) {}
  check(): boolean {
    return true;
  }
  run(_: Model, w: World): void {
    const rep = REPS[this.rep % REPS.length];
    w.leadsCommand(rep);
    const list = w.rt.slack.ephemerals(rep).pop();
    const first = /"value":"([^"]+)"/.exec(JSON.stringify(list?.blocks ?? []))?.[1];
    if (first) w.clickInList(rep, first);
  }
  toString(): string {
    return `/leads click(${this.rep})`;
  }
}

/** The manager takes or reassigns an escalated lead from the escalation message (maybe twice). */
class ManagerActs implements Cmd {
  constructor(
    readonly pick: number,
    readonly take: boolean,
    readonly twice: boolean,
  ) {}
  check(): boolean {
    return true;
  }
  run(_: Model, w: World): void {
    const escalations = w.rt.slack
      .dm(MANAGER)
      .filter((m) => JSON.stringify(m.blocks ?? []).includes('take_lead'));
    if (!escalations.length) return;
    const message = escalations[this.pick % escalations.length];
    const id = /L-\d{8}-[0-9A-F]{8}/.exec(message.text)?.[0];
    if (!id) return;
    const ref = { channel: message.channel, ts: message.ts };
    const event = () =>
      this.take
        ? w.rt.slack.clickEvent({ userId: MANAGER, actionId: 'take_lead', value: id, message: ref })
        : w.rt.slack.clickEvent({
            userId: MANAGER,
            actionId: 'reassign_lead',
            selectedOption: `${id}|${REPS[this.pick % REPS.length]}`,
            message: ref,
          });
    try {
      w.rt.run('doPost', event());
      if (this.twice) w.rt.run('doPost', event());
    } catch (err) {
      // The menu no longer offers that rep (deactivated): nothing was clicked.
      if (!/has no option|no button/.test(String(err))) throw err;
    }
  }
  toString(): string {
    return `manager ${this.take ? 'take' : 'reassign'}(${this.pick}${this.twice ? ', twice' : ''})`;
  }
}

/** An admin closes a lead by hand, then the sweep that reads runs (Run SLA check now). */
class AdminCloses implements Cmd {
  constructor(
    readonly pick: number,
    readonly stage: string,
  ) {}
  check(): boolean {
    return true;
  }
  run(_: Model, w: World): void {
    const ids = w.leadIds();
    if (ids.length) w.editLead(ids[this.pick % ids.length], 'stage', this.stage);
    w.rt.runAs('menu', 'runSlaSweepNow');
  }
  toString(): string {
    return `admin sets ${this.stage}(${this.pick})`;
  }
}

class AdminSorts implements Cmd {
  constructor(readonly by: string) {}
  check(): boolean {
    return true;
  }
  run(_: Model, w: World): void {
    if (w.leadIds().length > 1) w.rt.book.sheet('lead_sheet').sortBy(this.by, { ascending: false });
  }
  toString(): string {
    return `admin sorts by ${this.by}`;
  }
}

/**
 * An admin who keeps sorting lead_sheet by one column, up and down in turn, after every
 * Sheets API call of every run, until they stop (issue 16: writes follow their row);
 * `by` '' stops.
 */
class AdminKeepsSorting implements Cmd {
  constructor(readonly by: string) {}
  check(): boolean {
    return true;
  }
  run(_: Model, w: World): void {
    let ascending = false;
    w.rt.sheetsApi.afterCall = this.by
      ? () => {
          const sheet = w.rt.book.sheet('lead_sheet');
          ascending = !ascending;
          if (sheet.rows().length > 2) sheet.sortBy(this.by, { ascending });
        }
      : null;
  }
  toString(): string {
    return this.by
      ? `admin keeps sorting by ${this.by} (up, down) between calls`
      : 'admin stops sorting';
  }
}

class TimePasses implements Cmd {
  constructor(
    readonly minutes: number,
    readonly slackFailures: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(_: Model, w: World): void {
    if (this.slackFailures) w.rt.slack.failNext(this.slackFailures, { status: 500 });
    w.sweepAfter(this.minutes);
  }
  toString(): string {
    return `${this.minutes} min pass, sweep${this.slackFailures ? ` (Slack fails ${this.slackFailures})` : ''}`;
  }
}

class Night implements Cmd {
  check(): boolean {
    return true;
  }
  run(_: Model, w: World): void {
    w.rt.clock.advanceMinutes(24 * 60);
    w.rt.run('runArchive');
    w.sweepAfter(1);
  }
  toString(): string {
    return 'a night with the archive';
  }
}

const commands = [
  fc.tuple(fc.boolean(), fc.boolean()).map(([twice, held]) => new Submit(twice, held)),
  fc.tuple(fc.nat(50), fc.boolean()).map(([pick, owner]) => new ClickButton(pick, owner)),
  fc.nat(2).map((rep) => new ClickFromList(rep)),
  fc
    .tuple(fc.nat(10), fc.boolean(), fc.boolean())
    .map(([pick, take, twice]) => new ManagerActs(pick, take, twice)),
  fc
    .tuple(fc.nat(50), fc.constantFrom('QUALIFIED', 'CLOSED_LOST', 'CONTACTED'))
    .map(([pick, stage]) => new AdminCloses(pick, stage)),
  fc.constantFrom('name', 'phone', 'stage').map((by) => new AdminSorts(by)),
  fc.constantFrom('', 'name', 'stage', 'sales_slack_id').map((by) => new AdminKeepsSorting(by)),
  fc
    .tuple(fc.constantFrom(5, 30, 61), fc.constantFrom(0, 0, 1, 2))
    .map(([minutes, failures]) => new TimePasses(minutes, failures)),
  fc.constant(new Night()),
];

/**
 * Runs random histories; each step is followed by the guarantees check.
 * @param maxCommands steps per history at most
 */
export function runHistories(options: {
  numRuns: number;
  seed: number;
  maxCommands: number;
}): void {
  fc.assert(
    fc.property(fc.commands(commands, { maxCommands: options.maxCommands }), (cmds) => {
      const w = new World({
        settings: { sla_minutes: 30, escalation_threshold: 2, archive_after_days: 1 },
      });
      const model: Model = { submitted: 0 };
      fc.modelRun(
        () => ({
          model,
          real: w,
        }),
        [...cmds].map((cmd) => checked(cmd)),
      );
    }),
    { numRuns: options.numRuns, seed: options.seed, endOnFailure: true },
  );
}

/** A command whose run is followed by the guarantees check. */
function checked(cmd: Cmd): Cmd {
  return {
    check: (m) => cmd.check(m),
    run: (m, w) => {
      cmd.run(m, w);
      checkGuarantees(w, m);
    },
    toString: () => cmd.toString(),
  };
}
