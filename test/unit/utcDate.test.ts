// Today's date as the service reads the system clock: the UTC date, as toISOString would write it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systemToday, utcDate } from '../../server/src/service';

test('utcDate writes the UTC date toISOString writes, at day and month ends, leap days and around midnight', () => {
  const times = [Date.UTC(2026, 11, 7, 23, 59, 59, 999), Date.UTC(2026, 11, 8), Date.UTC(2024, 1, 29, 12), Date.UTC(2000, 0, 1), Date.UTC(1999, 11, 31, 23, 59), Date.UTC(2100, 2, 1)];
  for (let day = 0; day < 800; day++) times.push(Date.UTC(2025, 0, 1) + day * 86_400_000 + (day % 24) * 3_600_000);
  for (const time of times) assert.equal(utcDate(time), new Date(time).toISOString().slice(0, 10), String(time));
});

test('systemToday is the UTC date of the clock now', () => {
  const before = new Date().toISOString().slice(0, 10);
  const today = systemToday();
  const after = new Date().toISOString().slice(0, 10);
  assert.ok(today === before || today === after, `${today} (${before}..${after})`);
});
