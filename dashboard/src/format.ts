export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? "–" : `${(value * 100).toFixed(digits)}\u00a0%`;
}

export function number(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? "–" : value.toFixed(digits);
}

export function count(value: number): string {
  return value.toLocaleString("en");
}

export function dateTime(value: string | null | undefined): string {
  if (!value) return "–";
  const date = new Date(value);
  return date.toLocaleString("en-GB", { dateStyle: "short", timeStyle: "medium" });
}

export function duration(start: string | null, end: string | null): string {
  if (!start) return "–";
  const ms = (end ? new Date(end) : new Date()).getTime() - new Date(start).getTime();
  return ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function daysBefore(day: Date, days: number): Date {
  return new Date(day.getTime() - days * 86_400_000);
}
