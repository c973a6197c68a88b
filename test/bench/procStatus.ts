/**
 * Memory of a server process from Linux's /proc/<pid>/status: VmHWM is the kernel's high-water mark of the
 * resident set (the peak RSS since the process started, exact, no sampling), VmRSS the current one.
 */
import { readFileSync } from 'node:fs';

export type StatusField = 'VmHWM' | 'VmRSS';

/** A `kB` field of a /proc status text, in KiB; undefined when the field is absent or not in kB. */
export function statusFieldKb(statusText: string, field: StatusField): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(statusText);
  return match ? Number(match[1]) : undefined;
}

/** The field for a live process; undefined where there is no /proc (not Linux) or the process is gone. */
export function readStatusKb(pid: number | undefined, field: StatusField): number | undefined {
  if (pid === undefined || pid <= 0) return undefined;
  try {
    return statusFieldKb(readFileSync(`/proc/${pid}/status`, 'utf8'), field);
  } catch {
    return undefined;
  }
}
