// The UTC units usage is rolled up and read by: minutes (detail of busy hours), hours, days.
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export const floorTo = (date: Date, unitMs: number) => new Date(Math.floor(date.getTime() / unitMs) * unitMs);
export const ceilTo = (date: Date, unitMs: number) => new Date(Math.ceil(date.getTime() / unitMs) * unitMs);
