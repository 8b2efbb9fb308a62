// Times as people read them: a local date and time, and how far away it is.

export function localTime(unixSeconds: number): string {
    return new Date(unixSeconds * 1000).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

/** "in 14 min", "3 h ago", "now". */
export function relativeTime(unixSeconds: number, nowMs = Date.now()): string {
    const seconds = Math.round(unixSeconds - nowMs / 1000);
    const abs = Math.abs(seconds);
    if (abs < 30) return 'now';
    const [value, unit] = abs < 3600 ? [Math.round(abs / 60), 'min'] : abs < 172_800 ? [Math.round(abs / 3600), 'h'] : [Math.round(abs / 86_400), 'days'];
    return seconds > 0 ? `in ${value} ${unit}` : `${value} ${unit} ago`;
}
