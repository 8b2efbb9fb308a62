// Reads Prometheus' text exposition the way a scraper does: samples by name and labels, and each family's HELP and TYPE.
import { ServiceFixture } from '../service/serviceFixture';

export interface Sample {
    name: string;
    labels: Record<string, string>;
    value: number;
}

export interface Exposition {
    samples: Sample[];
    /** Family name → its TYPE line's type. */
    types: Map<string, string>;
    /** Family name → its HELP text. */
    help: Map<string, string>;
}

export function parseExposition(text: string): Exposition {
    const samples: Sample[] = [];
    const types = new Map<string, string>();
    const help = new Map<string, string>();
    for (const line of text.split('\n')) {
        const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
        if (meta) {
            (meta[1] === 'HELP' ? help : types).set(meta[2], meta[3]);
            continue;
        }
        const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
        if (!sample) continue;
        const labels: Record<string, string> = {};
        for (const [, key, value] of (sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
        samples.push({ name: sample[1], labels, value: Number(sample[3]) });
    }
    return { samples, types, help };
}

/** The sample of `name` whose labels include `labels`; undefined when there is none. */
export function valueOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): number | undefined {
    const match = exposition.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    return match?.value;
}

/** GET /metrics through the app, expecting 200. */
export async function scrape(f: Pick<ServiceFixture, 'app'>, headers: Record<string, string> = {}): Promise<Exposition> {
    const res = await f.app.inject({ method: 'GET', url: '/metrics', headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(res.body);
}
