// Small inline-SVG charts: bars for a series or a histogram, and a sparkline. No chart library: a few rects and a
// polyline are all these need.

export function Bars({ values, labels, testId, title }: { values: number[]; labels?: string[]; testId?: string; title: string }) {
    const max = Math.max(1, ...values);
    const width = 100 / Math.max(1, values.length);
    return (
        <svg className="chart" viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-label={title} data-testid={testId}>
            {values.map((v, i) => {
                const h = (v / max) * 38;
                return (
                    <rect key={i} x={i * width + width * 0.1} y={40 - h} width={width * 0.8} height={h} fill="var(--accent)">
                        <title>{`${labels?.[i] ?? i}: ${v}`}</title>
                    </rect>
                );
            })}
        </svg>
    );
}

export function Sparkline({ values, title, testId }: { values: number[]; title: string; testId?: string }) {
    if (values.length < 2) return <svg className="chart" viewBox="0 0 100 40" role="img" aria-label={title} data-testid={testId} />;
    const max = Math.max(1, ...values);
    const points = values.map((v, i) => `${(i / (values.length - 1)) * 100},${40 - (v / max) * 38}`).join(' ');
    return (
        <svg className="chart" viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-label={title} data-testid={testId}>
            <polyline points={points} fill="none" stroke="var(--accent)" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
        </svg>
    );
}

/** Horizontal bars with their labels and counts, for a few named numbers. */
export function LabelledBars({ entries, testId }: { entries: Array<[string, number]>; testId?: string }) {
    const max = Math.max(1, ...entries.map(([, v]) => v));
    return (
        <dl className="kv" data-testid={testId}>
            {entries.map(([label, value]) => (
                <div key={label} style={{ display: 'contents' }}>
                    <dt>{label}</dt>
                    <dd data-testid={testId ? `${testId}-${label.replace(/\s+/g, '_')}` : undefined} data-value={value}>
                        <svg viewBox="0 0 100 8" width="100" height="8" aria-hidden="true" style={{ marginRight: 8 }}>
                            <rect width="100" height="8" rx="4" fill="var(--line)" />
                            <rect width={(value / max) * 100} height="8" rx="4" fill="var(--accent)" />
                        </svg>
                        {value}
                    </dd>
                </div>
            ))}
        </dl>
    );
}
