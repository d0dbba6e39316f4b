// A scheduler walk-through: cron jobs with 6-field expressions (seconds first) in a time zone, their
// next runs, a job that really runs, pause/resume/trigger, the run history and the scheduler's
// health. Runs against a mock runtime it starts (it computes next runs and runs due jobs like the
// runtime's cron scheduler). Against a real runtime (`symbi up` with a cron scheduler), drop
// startMockRuntime and pass your baseUrl/apiKey.
import { createContext, NotFoundError, ValidationError } from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  getScheduleHistory,
  getScheduleNextRuns,
  getSchedulerHealth,
  listSchedules,
  pauseSchedule,
  resumeSchedule,
  ScheduleStatus,
  triggerSchedule,
  updateSchedule,
} from '@symbiont/schedules';

const berlin = (time: Date): string => time.toLocaleString('en-GB', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const runtime = await startMockRuntime({ apiKey: 'demo-key' });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });

  // 1. Crontab's 5 fields are refused before anything is sent: the runtime reads seconds first.
  try {
    await createSchedule(ctx, { name: 'every-5-min', cron_expression: '*/5 * * * *', agent_name: 'reporter' });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    console.log(`Refused before sending: ${error.message}`);
  }

  // 2. A nightly job at 02:30 Berlin time, and a heartbeat every 2 seconds.
  const nightly = await createSchedule(ctx, { name: 'nightly-report', cron_expression: '0 30 2 * * *', agent_name: 'reporter', timezone: 'Europe/Berlin' });
  console.log(`Created nightly-report ${nightly.job_id}: next run ${nightly.next_run?.toISOString()} (${nightly.next_run && berlin(nightly.next_run)} in Berlin)`);
  const heartbeat = await createSchedule(ctx, { name: 'heartbeat', cron_expression: '*/2 * * * * *', agent_name: 'monitor', policy_ids: ['read-only'] });
  console.log(`Created heartbeat ${heartbeat.job_id}: every 2 seconds`);

  // 3. The next runs, computed in the job's time zone (always 10).
  const { next_runs } = await getScheduleNextRuns(ctx, nightly.job_id);
  console.log(`nightly-report, next ${next_runs.length} runs (Berlin): ${next_runs.slice(0, 3).map(berlin).join(' | ')} | …`);

  // 4. Let the heartbeat run a few times.
  await sleep(4_500);
  const beating = await getSchedule(ctx, heartbeat.job_id);
  if (beating.run_count < 1) throw new Error('the heartbeat should have run by now');
  console.log(`heartbeat: ${beating.run_count} scheduled runs, last at ${beating.last_run?.toISOString()}, status ${beating.status}`);

  // 5. Pause it, trigger it by hand anyway, resume it.
  await pauseSchedule(ctx, heartbeat.job_id);
  const paused = await getSchedule(ctx, heartbeat.job_id);
  console.log(`Paused: status ${paused.status} (ScheduleStatus.PAUSED is "${ScheduleStatus.PAUSED}"), enabled ${paused.enabled}`);
  const triggered = await triggerSchedule(ctx, heartbeat.job_id);
  console.log(`Triggered by hand: ${triggered.action} → ${triggered.status}`);
  const { history } = await getScheduleHistory(ctx, heartbeat.job_id);
  console.log(`History (newest first, at most 50): ${history.length} runs`);
  for (const run of history.slice(0, 3)) console.log(`  ${run.started_at.toISOString()} ${run.status} in ${run.execution_time_ms} ms`);
  const resumed = await resumeSchedule(ctx, heartbeat.job_id);
  console.log(`Resumed: ${resumed.status}`);

  // 6. Move the nightly job to 06:00 and 18:00 (only the fields given change).
  const moved = await updateSchedule(ctx, nightly.job_id, { cron_expression: '0 0 6,18 * * *' });
  console.log(`nightly-report now "${moved.cron_expression}": next run ${moved.next_run && berlin(moved.next_run)} in Berlin`);

  // 7. The scheduler's health.
  const health = await getSchedulerHealth(ctx);
  console.log(`Scheduler: running ${health.is_running}, ${health.jobs_active}/${health.jobs_total} jobs active, ${health.runs_succeeded}/${health.runs_total} runs succeeded`);

  // 8. Clean up; a deleted job is a NotFoundError.
  await deleteSchedule(ctx, heartbeat.job_id);
  await deleteSchedule(ctx, nightly.job_id);
  try {
    await getSchedule(ctx, heartbeat.job_id);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    console.log(`Deleted: ${error.code}`);
  }
  console.log(`Jobs left: ${(await listSchedules(ctx)).length}`);
} finally {
  await runtime.close();
}
