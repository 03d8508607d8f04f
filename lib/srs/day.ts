/**
 * A study day starts at 4 a.m. server-local time, as in Anki, so a late-night session counts as the same day.
 * The app is meant to run on the learner's own machine, where server time is the learner's time.
 */
export const DAY_STARTS_AT_HOUR = 4;

export function studyDayStart(now: Date): Date {
  const start = new Date(now);
  start.setHours(DAY_STARTS_AT_HOUR, 0, 0, 0);
  if (start > now) start.setDate(start.getDate() - 1);
  return start;
}

export function nextStudyDayStart(now: Date): Date {
  const next = studyDayStart(now);
  next.setDate(next.getDate() + 1);
  return next;
}
