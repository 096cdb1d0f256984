/** Business hours for SLA test contracts: every day, all day (a 24×7 calendar). */
export const ALL_DAY = [{ start: '00:00', end: '24:00' }];

export const EVERY_DAY = {
  mon: ALL_DAY,
  tue: ALL_DAY,
  wed: ALL_DAY,
  thu: ALL_DAY,
  fri: ALL_DAY,
  sat: ALL_DAY,
  sun: ALL_DAY,
};
