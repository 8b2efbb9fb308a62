// A device's trust vector as labelled bars (inline SVG), with the numbers beside them.
import type { TrustView } from '../../../protocol';

const PARTS: Array<[keyof TrustView, string]> = [
    ['score', 'Trust score'],
    ['accuracy_lower_bound', 'Accuracy (lower bound)'],
    ['latency_score', 'Latency'],
    ['stability', 'Stability'],
];

export function TrustBars({ trust }: { trust: TrustView }) {
    return (
        <dl className="kv" data-testid="worker-trust" data-score={trust.score}>
            {PARTS.map(([key, label]) => {
                const value = Number(trust[key] ?? 0);
                return (
                    <div key={key} style={{ display: 'contents' }}>
                        <dt>{label}</dt>
                        <dd>
                            <svg viewBox="0 0 100 8" width="100" height="8" role="img" aria-label={`${label} ${value.toFixed(3)}`} style={{ marginRight: 8 }}>
                                <rect width="100" height="8" rx="4" fill="var(--line)" />
                                <rect width={Math.max(0, Math.min(1, value)) * 100} height="8" rx="4" fill="var(--accent)" />
                            </svg>
                            <span data-testid={`trust-${key}`}>{value.toFixed(3)}</span>
                        </dd>
                    </div>
                );
            })}
        </dl>
    );
}
