/** The wall clock, injectable so tests and the scheduler agree on "now". */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
