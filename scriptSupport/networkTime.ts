// The time the contracts compare deadlines with. A real network's blocks follow the wall clock, and so does the
// devnet's; an in-process chain (the sandbox in tests) keeps its own clock and offers it as `now()`.
import { NetworkProvider } from '@ton/blueprint';

type WithClock = NetworkProvider & { now(): number };

function hasClock(provider: NetworkProvider): provider is WithClock {
    return typeof (provider as Partial<WithClock>).now === 'function';
}

/** Unix seconds on the network's clock. */
export function networkNow(provider: NetworkProvider): bigint {
    return BigInt(hasClock(provider) ? provider.now() : Math.floor(Date.now() / 1000));
}

/** A unix time, with the date beside it and how far it is from `now`. */
export function describeTime(unixSeconds: bigint, now: bigint): string {
    const date = new Date(Number(unixSeconds) * 1000).toISOString();
    const delta = unixSeconds - now;
    const distance = delta >= 0n ? `in ${delta} s` : `${-delta} s ago`;
    return `${unixSeconds} (${date}, ${distance})`;
}
