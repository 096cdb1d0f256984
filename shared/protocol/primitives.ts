import { z } from 'zod';

/** Identifiers chosen by a site: devices, alerts, checks. */
export const Id = z.string().min(1).max(128);

/** Milliseconds since the Unix epoch; fractions allowed so latency can be measured below 1 ms. */
export const Timestamp = z.number().nonnegative();

/** Sequence numbers are per site stream, start at 1 and increase by exactly 1. */
export const Seq = z.int().nonnegative();

export const Percent = z.number().min(0).max(100);
