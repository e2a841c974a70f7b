/**
 * One simulated day of trigger runs (scripts/bench-limits.ts, triggerDay) as JSON on
 * stdout, so a test can run whole days in fresh Node processes, side by side:
 *
 *   npx tsx scripts/trigger-day.ts <openLeads> <everyMinutes>     (after npm run build)
 */
import { triggerDay } from './bench-limits';

const [openLeads, everyMinutes] = process.argv.slice(2).map(Number);
if (!(openLeads > 0) || !(everyMinutes > 0)) {
  console.error('usage: tsx scripts/trigger-day.ts <openLeads> <everyMinutes>');
  process.exit(2);
}
console.log(JSON.stringify(triggerDay(openLeads, everyMinutes)));
